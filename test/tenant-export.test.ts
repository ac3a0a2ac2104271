import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { Temporal } from '../src/platform/clock/clock.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrationProvider } from '../src/platform/db/migrations/index.ts';
import { dumpTenant, restoreTenant } from '../src/platform/db/tenant-dump.ts';
import { createTenant, getTenant } from '../src/tenants/tenants.ts';
import { BOOTSTRAP_KEY, startAllot, type TestAllot } from './helpers/allot.ts';
import { freshDatabase, serverUrl } from './helpers/database.ts';
import { runCli } from './helpers/process.ts';
import { account, advance, clockAt, seedCatalog, subscribe } from './helpers/scenario.ts';

/**
 * Issue 14: `allot export FILE` writes a whole tenant, `allot import FILE` restores it into an empty
 * database — the same backend or the other one (PGlite ↔ PostgreSQL, on the PostgreSQL run) — and
 * Allot started on it answers as before: the same accounts, invoices, credit notes, history and keys.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allot-export-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Environment naming a PGlite folder, even on the PostgreSQL run. */
const pglite = (dir: string) => ({ DATABASE_URL: '', ALLOT_DATA_DIR: dir });

/** Builds a tenant with a bit of everything through the API; answers what to compare afterwards. */
async function buildTenant(t: TestAllot) {
  await seedCatalog(t);
  const clock = await clockAt(t, '2026-01-31T09:00:00Z');
  // The child is older than its parent: its row must still come after the parent's (self reference).
  const child = await account(t, clock, {
    name: 'Müller "Söhne", GmbH',
    external_id: 'ext-child',
    tax_rate_bps: 1900,
    billing_address: { line1: 'Hauptstraße 1', postal_code: '80331', city: 'München', country: 'DE' },
  });
  const parent = await account(t, clock, { name: 'Partner', external_id: 'ext-parent', kind: 'partner' });
  const moved = await t.api('PATCH', `/v1/accounts/${child}`, { parent_id: parent });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  const sub = await subscribe(t, { account: child, plan: 'premium', addons: [{ addon: 'support' }] });
  expect(
    (await t.api('POST', '/v1/entitlements/consume', { account: child, feature: 'tickets', quantity: 7 }))
      .status,
  ).toBe(200);
  expect(
    (await t.api('POST', `/v1/accounts/${child}/users`, { email: 'ana@example.com', name: 'Ana' })).status,
  ).toBe(201);
  await advance(t, clock, '2026-04-15T00:00:00Z');
  const invoices = (await t.api('GET', '/v1/invoices?limit=100')).body.data;
  expect(invoices.length).toBe(3);
  expect((await t.api('POST', `/v1/invoices/${invoices[2].id}/pay`)).status).toBe(200);
  expect((await t.api('POST', `/v1/invoices/${invoices[1].id}/void`)).status).toBe(200);
  const key = await t.api('POST', '/v1/keys', { type: 'secret', name: 'exported' });
  expect(key.status).toBe(201);
  return { child, parent, sub: sub.id as string, clock, key: key.body.secret_key as string };
}

/** What the API answers about the tenant: compared between the source and each restored copy. */
async function observed(t: TestAllot, child: string) {
  const get = async (path: string) => {
    const res = await t.api('GET', path);
    expect(res.status, path).toBe(200);
    return res.body;
  };
  const accounts = (await get('/v1/accounts?limit=100')).data;
  return {
    accounts: accounts.map((a: any) => [
      a.id,
      a.external_id,
      a.name,
      a.parent_id,
      a.billing_address,
      a.updated_at,
    ]),
    invoices: (await get('/v1/invoices?limit=100')).data.map((i: any) => [
      i.number,
      i.total,
      i.status,
      i.issued_at,
    ]),
    creditNotes: (await get('/v1/credit_notes?limit=100')).data.map((n: any) => [
      n.number,
      n.total,
      n.invoice_number,
    ]),
    history: (await get(`/v1/accounts/${child}/history?limit=100`)).data,
    entitlements: (await get(`/v1/accounts/${child}/entitlements`)).data,
    users: (await get(`/v1/accounts/${child}/users`)).data,
  };
}

/** The file's lines but the header's export time. */
const linesOf = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l, i) => (i === 0 ? l.replace(/"exported_at":"[^"]+"/, '') : l));

async function dumpOf(env: { DATABASE_URL?: string; ALLOT_DATA_DIR: string }, tenant: string) {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.ALLOT_DATA_DIR });
  const lines: string[] = [];
  try {
    await dumpTenant(db.kysely, tenant, (l) => {
      lines.push(l);
    });
  } finally {
    await db.close();
  }
  return linesOf(lines.join('\n'));
}

/** Imports FILE into an empty database, checks it row for row, then serves it and compares the answers. */
async function restoreAndCompare(
  file: string,
  env: { DATABASE_URL?: string; ALLOT_DATA_DIR: string },
  tenant: string,
  before: Awaited<ReturnType<typeof observed>>,
  made: Awaited<ReturnType<typeof buildTenant>>,
) {
  const imported = await runCli(['import', file], env);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toMatch(/^invoices\s+3$/m);
  expect(imported.stdout).toMatch(/^credit_notes\s+1$/m);
  expect(imported.stdout).toMatch(/^accounts\s+2$/m);
  expect(imported.stdout).toContain(`Imported tenant ${tenant} (Default)`);
  // Exact: what the restored database holds renders as the same lines, microseconds and jsonb included.
  expect(await dumpOf(env, tenant)).toEqual(linesOf(readFileSync(file, 'utf8')));

  const again = await runCli(['import', file], env);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain(`This database holds tenant ${tenant} already: nothing was imported.`);

  const restored = await startAllot({ env });
  try {
    expect(await observed(restored, made.child)).toEqual(before);
    // Both keys work (the bootstrap key of the source and one made there), and numbering continues.
    const other = await restored.api('GET', '/v1/tenant', undefined, { key: made.key });
    expect(other.status).toBe(200);
    expect((await restored.api('GET', '/v1/tenant', undefined, { key: BOOTSTRAP_KEY })).body.id).toBe(tenant);
    await subscribe(restored, { account: made.parent, plan: 'professional' });
    const newest = (await restored.api('GET', '/v1/invoices?limit=1')).body.data[0];
    expect(newest.number).toBe('INV-000004');
  } finally {
    await restored.close();
  }
}

describe('allot export / import', { timeout: 240_000 }, () => {
  it('restores a whole tenant into an empty database, which Allot then serves as before', async () => {
    const source = await freshDatabase();
    cleanups.push(() => source.drop());
    const sourceEnv = source.kind === 'pglite' ? pglite(join(tempDir(), 'source')) : source.env;
    const t = await startAllot({ env: sourceEnv });
    let made: Awaited<ReturnType<typeof buildTenant>>;
    let before: Awaited<ReturnType<typeof observed>>;
    const tenant = (await t.api('GET', '/v1/tenant')).body.id as string;
    try {
      made = await buildTenant(t);
      before = await observed(t, made.child);
    } finally {
      // PGlite's folder admits one process: the server lets go of it before the export.
      if (source.kind === 'pglite') await t.close();
    }
    const file = join(tempDir(), 'tenant.jsonl');
    // A PostgreSQL database is exported while it keeps serving.
    const exported = await runCli(['export', file], sourceEnv);
    if (source.kind === 'postgres') await t.close();
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain(`Exported tenant ${tenant} (Default)`);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject([
      'allot-tenant-export',
      { tenant, root: { is_bootstrap: true } },
    ]);
    expect(JSON.parse(lines.at(-1)!)[0]).toBe('end');
    // Referenced tables first; the parent account before its older child.
    const tables = lines.filter((l) => l.startsWith('["table"')).map((l) => JSON.parse(l)[1]);
    expect(tables[0]).toBe('tenants');
    expect(tables.indexOf('accounts')).toBeLessThan(tables.indexOf('subscriptions'));
    expect(tables.indexOf('invoices')).toBeLessThan(tables.indexOf('invoice_lines'));
    const start = lines.findIndex((l) => l.startsWith('["table","accounts"'));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('['));
    const accountRows = lines.slice(start + 1, end).map((l) => JSON.parse(l));
    expect(accountRows.map((a) => a.external_id)).toEqual(['ext-parent', 'ext-child']);
    expect(accountRows[1].id < accountRows[0].id).toBe(true);

    // Into an empty database of the same kind…
    const target = await freshDatabase();
    cleanups.push(() => target.drop());
    const targetEnv = target.kind === 'pglite' ? pglite(join(tempDir(), 'target')) : target.env;
    await restoreAndCompare(file, targetEnv, tenant, before!, made!);
    if (!serverUrl) return;
    // …and, on the PostgreSQL run, into PGlite too; then from that PGlite back into PostgreSQL.
    const cross = pglite(join(tempDir(), 'cross'));
    await restoreAndCompare(file, cross, tenant, before!, made!);
    const back = join(tempDir(), 'back.jsonl');
    expect((await runCli(['export', back], cross)).code).toBe(0);
    const again = await freshDatabase();
    cleanups.push(() => again.drop());
    const imported = await runCli(['import', back], again.env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(await dumpOf(again.env, tenant)).toEqual(linesOf(readFileSync(back, 'utf8')));
  });

  it('refuses a file cut short, and a file that is not an export, importing nothing', async () => {
    const dir = tempDir();
    const env = pglite(join(dir, 'db'));
    const schema = Object.keys(await migrationProvider.getMigrations())
      .sort()
      .at(-1);
    const header = ['allot-tenant-export', { version: 1, tenant: 'ten_x', schema, root: {} }];
    const row = { id: 'ten_x', name: 'X', is_bootstrap: false, created_at: '2026-01-01T00:00:00Z' };
    writeFileSync(
      join(dir, 'cut.jsonl'),
      [header, ['table', 'tenants', { columns: Object.keys(row) }], row]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    writeFileSync(join(dir, 'other.json'), '{"hello": "world"}\n');
    const [cut, other, missing] = await Promise.all([
      runCli(['import', join(dir, 'cut.jsonl')], env),
      runCli(['import', join(dir, 'other.json')], { ...env, ALLOT_DATA_DIR: join(dir, 'db2') }),
      runCli(['import', join(dir, 'nowhere.jsonl')], env),
    ]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('The file ends before its last line: it was cut short.');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('is not an export line');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`Cannot open ${join(dir, 'nowhere.jsonl')}: no such file or folder.`);
  });

  it('restores a file of an older schema at that schema, then migrates it to the latest', async () => {
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    const older = names.at(-2)!;
    const source = await openDatabase({ dataDir: 'memory://' });
    const target = await openDatabase({ dataDir: 'memory://' });
    try {
      const { error } = await new Migrator({ db: source.kysely, provider: migrationProvider }).migrateTo(
        older,
      );
      expect(error).toBeUndefined();
      const tenant = await createTenant(source.kysely, { name: 'Old', now: Temporal.Now.instant() });
      const lines: string[] = [];
      await dumpTenant(source.kysely, tenant.id, (l) => {
        lines.push(l);
      });
      expect(JSON.parse(lines[0]!)[1].schema).toBe(older);
      const restored = await restoreTenant(
        target.kysely,
        (async function* () {
          yield* lines;
        })(),
      );
      expect(restored.counts).toMatchObject({ tenants: 1, api_keys: 1 });
      expect(restored.migrated).toEqual([names.at(-1)]);
      expect((await getTenant(target.kysely, tenant.id))?.name).toBe('Old');
    } finally {
      await source.close();
      await target.close();
    }
  });
});
