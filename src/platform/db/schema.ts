import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date and read back as Date by both drivers. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface TenantsTable {
  id: string;
  name: string;
  /** The tenant created on the first start; its keys may create other tenants. */
  is_bootstrap: boolean;
  created_at: Timestamp;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: string;
  /** SHA-256 of the whole key, hex. The key itself is never stored. */
  key_hash: string;
  /** The last four characters, to tell keys apart in listings. */
  last4: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  response_body: Json;
  created_at: Timestamp;
}

export interface TestClocksTable {
  tenant_id: string;
  id: string;
  name: string | null;
  frozen_time: Timestamp;
  created_at: Timestamp;
}

export interface Database {
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  test_clocks: TestClocksTable;
}

/** Tables whose rows belong to one tenant: every one of them has `tenant_id` leading its keys. */
export type TenantTable = Exclude<keyof Database, 'tenants'>;

export type { Generated };
