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

export type FeatureKind = 'boolean' | 'quota' | 'seat' | 'counter' | 'credit';

export interface FeaturesTable {
  tenant_id: string;
  id: string;
  key: string;
  name: string;
  kind: FeatureKind;
  unit: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** plans and addons: the item; its terms live in catalog_versions. */
export interface CatalogItemsTable {
  tenant_id: string;
  id: string;
  key: string;
  name: string;
  /** The current version number. */
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogVersionsTable {
  tenant_id: string;
  id: string;
  item_id: string;
  version: number;
  definition: Json;
  created_at: Timestamp;
}

export interface AccountsTable {
  tenant_id: string;
  id: string;
  name: string;
  external_id: string | null;
  parent_id: string | null;
  kind: 'partner' | 'customer' | 'site';
  currency: string;
  timezone: string;
  locale: 'en' | 'fr' | 'de';
  billing_period: 'month' | 'year';
  bill_to_parent: boolean;
  billing_basis: Json<{ from: string; basis: 'used' | 'allocated' }[]>;
  tax_rate_bps: number;
  test_clock_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Role = 'owner' | 'subscription_manager' | 'member';

export interface UsersTable {
  tenant_id: string;
  id: string;
  account_id: string;
  email: string;
  name: string;
  external_id: string | null;
  roles: Role[];
  modules: string[];
  status: 'active' | 'deactivated';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HistoryTable {
  tenant_id: string;
  id: string;
  at: Timestamp;
  actor: Json;
  action: string;
  subject_type: string;
  subject_id: string;
  account_id: string | null;
  before: Json | null;
  after: Json | null;
}

export interface Database {
  features: FeaturesTable;
  plans: CatalogItemsTable;
  addons: CatalogItemsTable;
  catalog_versions: CatalogVersionsTable;
  accounts: AccountsTable;
  users: UsersTable;
  history: HistoryTable;
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  test_clocks: TestClocksTable;
}

/** Tables whose rows belong to one tenant: every one of them has `tenant_id` leading its keys. */
export type TenantTable = Exclude<keyof Database, 'tenants'>;

export type { Generated };
