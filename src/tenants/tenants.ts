import type { Kysely } from 'kysely';
import { type Temporal, toDate } from '../platform/clock/clock.ts';
import type { ApiKeyKind, Database } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { generateSecretKey, hashesEqual, hashKey } from './keys.ts';

export interface Auth {
  tenantId: string;
  keyId: string;
  /** The bootstrap tenant's keys may create tenants. */
  isBootstrap: boolean;
  /** A secret key, a publishable key (pricing tables and quotes only) or a portal session. */
  kind: ApiKeyKind | 'portal';
  /** For a publishable key: the web origins it may be used from. */
  allowedOrigins: readonly string[];
  /** A rolled key: when it stops working (epoch ms). */
  expiresAt?: number | undefined;
}

export interface CreatedTenant {
  id: string;
  name: string;
  secret_key: string;
  created_at: Date;
}

export async function createTenant(
  db: Kysely<Database>,
  input: { name: string; isBootstrap?: boolean; secretKey?: string; now: Temporal.Instant },
): Promise<CreatedTenant> {
  const secretKey = input.secretKey ?? generateSecretKey();
  const id = newId('tenant');
  const createdAt = toDate(input.now);
  const write = async (trx: Kysely<Database>) => {
    await trx
      .insertInto('tenants')
      .values({ id, name: input.name, is_bootstrap: input.isBootstrap ?? false, created_at: createdAt })
      .execute();
    await insertKey(trx, id, secretKey, input.now);
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
  return { id, name: input.name, secret_key: secretKey, created_at: createdAt };
}

export async function createKey(
  db: Kysely<Database>,
  tenantId: string,
  now: Temporal.Instant,
  name: string | null = null,
): Promise<{ id: string; secret_key: string }> {
  const secretKey = generateSecretKey();
  const id = await insertKey(db, tenantId, secretKey, now, name);
  return { id, secret_key: secretKey };
}

async function insertKey(
  db: Kysely<Database>,
  tenantId: string,
  secretKey: string,
  now: Temporal.Instant,
  name: string | null = null,
) {
  const id = newId('apiKey');
  await db
    .insertInto('api_keys')
    .values({
      tenant_id: tenantId,
      id,
      key_hash: hashKey(secretKey),
      last4: secretKey.slice(-4),
      ...(name ? { name } : {}),
      created_at: toDate(now),
    })
    .execute();
  return id;
}

export async function getTenant(db: Kysely<Database>, id: string) {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every tenant, oldest first, with how many active secret keys it has (the operator's `allot tenants list`). */
export async function listTenants(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('tenants')
    .leftJoin('api_keys', (j) =>
      j
        .onRef('api_keys.tenant_id', '=', 'tenants.id')
        .on('api_keys.kind', '=', 'secret')
        .on('api_keys.revoked_at', 'is', null),
    )
    .select(['tenants.id', 'tenants.name', 'tenants.is_bootstrap', 'tenants.created_at'])
    .select((eb) => eb.fn.count<number>('api_keys.id').as('active_keys'))
    .groupBy(['tenants.id', 'tenants.name', 'tenants.is_bootstrap', 'tenants.created_at'])
    .orderBy('tenants.created_at')
    .orderBy('tenants.id')
    .execute();
  return rows.map((r) => ({ ...r, active_keys: Number(r.active_keys) }));
}

/** Finds the tenant a presented key belongs to, comparing hashes in constant time. */
export async function authenticate(
  db: Kysely<Database>,
  presented: string,
  now: Temporal.Instant,
): Promise<Auth | null> {
  const hash = hashKey(presented);
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('tenants', 'tenants.id', 'api_keys.tenant_id')
    .select([
      'api_keys.tenant_id',
      'api_keys.id',
      'api_keys.key_hash',
      'api_keys.revoked_at',
      'api_keys.kind',
      'api_keys.allowed_origins',
      'api_keys.expires_at',
      'tenants.is_bootstrap',
    ])
    .where('api_keys.key_hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || !hashesEqual(row.key_hash, hash)) return null;
  const expiresAt = row.expires_at ? new Date(row.expires_at).getTime() : undefined;
  if (expiresAt !== undefined && expiresAt <= now.epochMilliseconds) return null;
  return {
    tenantId: row.tenant_id,
    keyId: row.id,
    // A publishable key never creates tenants, whoever owns it.
    isBootstrap: row.is_bootstrap && row.kind === 'secret',
    kind: row.kind,
    allowedOrigins: row.allowed_origins,
    expiresAt,
  };
}

export async function findBootstrapTenant(db: Kysely<Database>) {
  return db.selectFrom('tenants').selectAll().where('is_bootstrap', '=', true).executeTakeFirst();
}

export async function countTenants(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('tenants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * On an empty database, creates the bootstrap tenant, with the configured key or a new one.
 * Returns the key only when it was generated here (it must be shown once), and whether a tenant was made.
 */
export async function ensureBootstrapTenant(
  db: Kysely<Database>,
  options: { bootstrapKey: string | undefined; now: Temporal.Instant },
): Promise<{ created: CreatedTenant | null; generatedKey: string | null }> {
  if ((await countTenants(db)) > 0) return { created: null, generatedKey: null };
  let created: CreatedTenant;
  try {
    created = await createTenant(db, {
      name: 'Default',
      isBootstrap: true,
      ...(options.bootstrapKey ? { secretKey: options.bootstrapKey } : {}),
      now: options.now,
    });
  } catch (error) {
    // Another process starting on the same database made it first (unique index on the bootstrap flag).
    if ((await countTenants(db)) > 0) return { created: null, generatedKey: null };
    throw error;
  }
  return { created, generatedKey: options.bootstrapKey ? null : created.secret_key };
}
