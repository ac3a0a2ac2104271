import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { type Clock, systemClock, Temporal } from '../src/platform/clock/clock.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { lockDataDir } from '../src/platform/db/folder-lock.ts';
import { authenticate } from '../src/tenants/tenants.ts';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { freshDatabase, serverUrl } from './helpers/database.ts';
import { runCli } from './helpers/process.ts';
import { account, invoicesOf, seedCatalog, subscribe } from './helpers/scenario.ts';

/**
 * Issue 14: the `allot` command. Each command runs as a real process against a real server (or, for
 * the operator's commands, a real database), and what it prints is read back: tables, CSV, progress
 * lines, and one readable sentence for every way it can fail, with its exit code.
 */
let wallNow = Temporal.Instant.from('2026-01-15T10:00:00Z');
const wall: Clock = { now: () => wallNow };
let t: TestAllot;
let env: Record<string, string>;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  t = await startAllot({ clock: wall });
  await seedCatalog(t);
  env = { ALLOT_URL: t.url, ALLOT_KEY: t.key };
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await t?.close();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allot-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. Rows of a header's names. */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) records.push([...row, field]);
  const [header, ...rest] = records;
  return rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The CLI on a PGlite folder this process has open: refused, naming this process. */
async function refusedWhileOpen(dir: string) {
  const locked = await runCli(['keys', 'create', '--offline'], { DATABASE_URL: '', ALLOT_DATA_DIR: dir });
  expect(locked.code).toBe(1);
  expect(locked.stderr).toBe(
    `allot: The PGlite folder ${dir} is in use by process ${process.pid}. PGlite's folder admits one process: stop that one (an allot serve?) first, or use the API of the running server (--url, --key).\n`,
  );
}

// Every process compiles its TypeScript as it starts (tsx): slow on a busy 2-core machine.
describe('the allot command', { timeout: 120_000 }, () => {
  it('prints its version and help, and says what is wrong with a command line (exit 2)', async () => {
    const [version, help, missing, noKey, badStep] = await Promise.all([
      runCli(['--version']),
      runCli(['clocks', 'advance', '--help']),
      runCli(['clocks', 'create'], env),
      runCli(['keys', 'list'], { ALLOT_URL: t.url, ALLOT_KEY: '' }),
      runCli(['clocks', 'advance', 'clock_x', '--to', '2026-02-01', '--step', 'hour'], env),
    ]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: allot clocks advance [options] <id>');
    expect(help.stdout).toContain('--step <step>');
    expect(help.stdout).toContain('--key <key>');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--at <time>' not specified");
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toBe('allot: Give a secret key with --key or ALLOT_KEY.\n');
    expect(badStep.code).toBe(2);
    expect(badStep.stderr).toContain('--step is one of month, week, day, none; got hour');
  });

  it('creates a key shown once, lists it by its last four, and revokes it: it then answers 401', async () => {
    const created = await runCli(['keys', 'create', '--name', 'ci'], env);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^sk_[A-Za-z0-9]{40}$/);
    const id = /Created secret key (key_\w+)/.exec(created.stderr)![1]!;
    expect(created.stderr).toContain('shown this once');
    expect((await t.api('GET', '/v1/tenant', undefined, { key: secret })).status).toBe(200);

    const listed = await runCli(['keys', 'list'], env);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+NAME\s+LAST 4\s+CREATED\s+STATUS\s+IN USE$/);
    const row = lines.find((l) => l.startsWith(id))!;
    expect(row.split(/\s{2,}/)).toEqual([id, 'secret', 'ci', secret.slice(-4), expect.any(String), 'active']);
    // The bootstrap key is the one in use.
    const inUse = lines.filter((l) => /\syes$/.test(l));
    expect(inUse).toHaveLength(1);
    expect(inUse[0]).toContain(`  ${t.key.slice(-4)}  `);

    const revoked = await runCli(['keys', 'revoke', id], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`Revoked secret key ${id} (…${secret.slice(-4)})`);
    expect((await t.api('GET', '/v1/tenant', undefined, { key: secret })).status).toBe(401);
    const refused = await runCli(['keys', 'list', '--key', secret], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^allot: The key was refused \(401\): .+\. Check --key or ALLOT_KEY\.\n$/);
  });

  it('creates and advances a test clock, with a line per step off a terminal; a refusal shows its fields', async () => {
    const made = await runCli(['clocks', 'create', '--at', '2026-01-31T09:00:00Z', '--name', 'cli'], env);
    expect(made.code, made.stderr).toBe(0);
    const clock = /Created test clock (clock_\w+) \(cli\) at 2026-01-31T09:00:00(\.000)?Z\./.exec(
      made.stdout,
    )![1]!;
    const acct = await account(t, clock, {
      name: 'Müller "Söhne", GmbH',
      external_id: 'muller',
      timezone: 'Europe/Berlin',
      tax_rate_bps: 1900,
    });
    await subscribe(t, { account: acct, plan: 'premium' });

    const advanced = await runCli(['clocks', 'advance', clock, '--to', '2026-04-15T00:00:00Z'], env);
    expect(advanced.code, advanced.stderr).toBe(0);
    const steps = advanced.stderr.trim().split('\n');
    expect(steps).toEqual([
      expect.stringMatching(new RegExp(`^Advancing ${clock}: 2026-02-28T09:00:00(\\.000)?Z \\(1/3\\)$`)),
      expect.stringMatching(/: 2026-03-31T09:00:00(\.000)?Z \(2\/3\)$/),
      expect.stringMatching(/: 2026-04-15T00:00:00(\.000)?Z \(3\/3\)$/),
    ]);
    expect(advanced.stdout).toMatch(
      new RegExp(`^Test clock ${clock} is at 2026-04-15T00:00:00(\\.000)?Z \\(from .*, 3 steps, `),
    );
    expect((await t.api('GET', `/v1/test_clocks/${clock}`)).body.frozen_time).toMatch(/^2026-04-15T00:00:00/);
    // The first, then renewals at midnight in Berlin on 28 February and 31 March.
    const invoices = await invoicesOf(t, acct);
    expect(invoices.map((i) => i.issued_at)).toEqual([
      expect.stringMatching(/^2026-01-31T09:00/),
      expect.stringMatching(/^2026-02-27T23:00/),
      expect.stringMatching(/^2026-03-30T22:00/),
    ]);

    const [back, once] = await Promise.all([
      runCli(['clocks', 'advance', clock, '--to', '2026-01-01T00:00:00Z'], env),
      runCli(['clocks', 'advance', 'clock_nope', '--to', '2026-05-01T00:00:00Z', '--step', 'none'], env),
    ]);
    expect(back.code).toBe(1);
    expect(back.stderr).toMatch(
      /^allot: A test clock only moves forward; it is at 2026-04-15T00:00:00.*\(400 validation_failed\)\n/,
    );
    expect(back.stderr).toMatch(/\n {2}frozen_time: must be after the clock's time 2026-04-15T00:00:00/);
    expect(once.code).toBe(1);
    expect(once.stderr).toMatch(/^allot: .*clock_nope.* \(404 not_found\)\n$/);

    // A credit note for the CSV below: voiding the second invoice credits the whole of it.
    expect((await t.api('POST', `/v1/invoices/${invoices[1].id}/void`)).status).toBe(200);
  });

  it('runs billing on the wall clock and sums up what it did', async () => {
    const acct = await account(t, null, { name: 'Wall clock customer' });
    await subscribe(t, { account: acct, plan: 'professional' });
    const idle = await runCli(['billing', 'run'], env);
    expect(idle.code, idle.stderr).toBe(0);
    expect(idle.stdout).toBe('Billing run: nothing was due.\n');
    expect(idle.stderr).toBe('Billing run…\n');
    wallNow = Temporal.Instant.from('2026-02-15T11:00:00Z');
    const due = await runCli(['billing', 'run'], env);
    expect(due.code, due.stderr).toBe(0);
    expect(due.stdout).toMatch(/^Billing run:\n/);
    expect(due.stdout).toMatch(/^ +1 {2}subscriptions renewed$/m);
    expect(due.stdout).toMatch(/^ +1 {2}invoices issued$/m);
    expect(await invoicesOf(t, acct)).toHaveLength(2);
  });

  it('exports the invoices and credit notes issued in a date range as CSV, amounts exact', async () => {
    const dir = tempDir();
    const file = join(dir, 'invoices.csv');
    const exported = await runCli(
      ['invoices', 'export', '--from', '2026-02-01', '--to', '2026-04-30', '--output', file],
      env,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const rows = parseCsv(readFileSync(file, 'utf8'));
    // In the range: the clocked account's Feb and Mar invoices, its credit note of Apr 15, and the wall
    // clock customer's renewal of Feb 15 — not January's.
    const all = (await t.api('GET', '/v1/invoices?limit=100')).body.data as any[];
    const notes = (await t.api('GET', '/v1/credit_notes?limit=100')).body.data as any[];
    expect(rows.map((r) => [r.kind, r.issue_date])).toEqual([
      ['invoice', '2026-02-15'],
      ['invoice', '2026-02-28'],
      ['invoice', '2026-03-31'],
      ['credit_note', '2026-04-15'],
    ]);
    expect(exported.stderr).toBe(
      `3 invoices and 1 credit note issued 2026-02-01 to 2026-04-30, written to ${file}.\n`,
    );
    const march = all.find((i) => i.issued_at.startsWith('2026-03-30T22:00'));
    const row = rows.find((r) => r.number === march.number)!;
    expect(row).toMatchObject({
      kind: 'invoice',
      issue_date: '2026-03-31',
      due_date: '2026-04-30',
      status: 'open',
      account_external_id: 'muller',
      account_name: 'Müller "Söhne", GmbH',
      currency: 'EUR',
      subtotal_minor: '4900',
      tax_minor: '931',
      total_minor: '5831',
      subtotal: '49.00',
      tax: '9.31',
      total: '58.31',
      amount_due: '58.31',
      id: march.id,
    });
    const note = rows.find((r) => r.kind === 'credit_note')!;
    expect(note).toMatchObject({
      number: notes[0].number,
      status: 'issued',
      due_date: '',
      total_minor: String(notes[0].total),
      total: '58.31',
      credited_invoice: rows[1]!.number,
    });
    // To stdout without --output.
    const piped = await runCli(['invoices', 'export', '--from', '2026-01-31', '--to', '2026-01-31'], env);
    expect(parseCsv(piped.stdout).map((r) => r.issue_date)).toEqual(['2026-01-31']);
  });

  it('says why it cannot reach the server, or the database', async () => {
    const port = await closedPort();
    const [refused, badUrl, noDatabase, badConfig] = await Promise.all([
      runCli(['keys', 'list', '--url', `http://127.0.0.1:${port}`, '--key', t.key]),
      runCli(['billing', 'run', '--url', 'ftp://example.com', '--key', t.key]),
      runCli(['tenants', 'list'], { DATABASE_URL: `postgres://allot@127.0.0.1:${port}/allot` }),
      runCli(['tenants', 'list'], { PORT: 'many' }),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `allot: Cannot reach Allot at http://127.0.0.1:${port}: connection refused. Is it running?\n`,
    );
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--url is an http(s) address');
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toBe(
      'allot: Cannot reach the database: connection refused. Check DATABASE_URL.\n',
    );
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toBe('allot: PORT must be 0–65535, got many\n');
  });

  it('creates and lists tenants, and writes keys, on the database itself', async () => {
    const db = await freshDatabase();
    cleanups.push(() => db.drop());
    const dbEnv = db.kind === 'pglite' ? { ALLOT_DATA_DIR: join(tempDir(), 'data') } : db.env;
    const created = await runCli(['tenants', 'create', '--name', 'Acme Software'], dbEnv);
    expect(created.code, created.stderr).toBe(0);
    const [, tenant, secret] =
      /Created tenant (ten_\w+) \(Acme Software\)[\s\S]*shown this once:\n\n {2}(sk_\w+)/.exec(
        created.stdout,
      )!;
    const key = await runCli(['keys', 'create', '--offline', '--tenant', tenant!, '--name', 'ops'], dbEnv);
    expect(key.code, key.stderr).toBe(0);
    expect(key.stderr).toContain(`for tenant ${tenant} (Acme Software)`);
    const listed = await runCli(['tenants', 'list'], dbEnv);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+NAME\s+CREATED\s+ACTIVE KEYS\s+BOOTSTRAP\n/);
    expect(listed.stdout).toMatch(
      new RegExp(`^${tenant}\\s+Acme Software\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+2$`, 'm'),
    );

    // Both keys are the tenant's; and while this process has a PGlite folder open, the CLI is refused.
    const open = await openDatabase({
      databaseUrl: dbEnv.DATABASE_URL || undefined,
      dataDir: dbEnv.ALLOT_DATA_DIR,
    });
    try {
      for (const k of [secret!, key.stdout.trim()])
        expect((await authenticate(open.kysely, k, systemClock.now()))?.tenantId).toBe(tenant);
      if (db.kind === 'pglite') await refusedWhileOpen(dbEnv.ALLOT_DATA_DIR);
    } finally {
      await open.close();
    }
  });

  it.runIf(serverUrl)(
    'refuses a PGlite folder another process has open (on the PostgreSQL run too)',
    async () => {
      // The lock a PGlite database takes as it opens (the PGlite run opens one for real, above).
      const dir = join(tempDir(), 'data');
      const release = lockDataDir(dir);
      try {
        await refusedWhileOpen(dir);
      } finally {
        release();
      }
    },
  );
});
