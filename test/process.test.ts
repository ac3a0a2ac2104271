import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_KEY } from './helpers/allot.ts';
import { freshDatabase, type TestDatabase } from './helpers/database.ts';
import { runCli, startServerProcess } from './helpers/process.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function database(): Promise<TestDatabase> {
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  return db;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'allot-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the allot CLI', () => {
  it('has --help for each command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'keys']) expect(top.stdout).toContain(cmd);
    for (const args of [
      ['serve', '--help'],
      ['migrate', '--help'],
      ['keys', 'create', '--help'],
    ]) {
      const res = await runCli(args);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Usage: allot/);
    }
  });

  it('migrates a database, then finds it up to date', async () => {
    const db = await database();
    const env = { ...db.env, ALLOT_DATA_DIR: db.kind === 'pglite' ? tempDir() : 'memory://' };
    const first = await runCli(['migrate'], env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('0001_foundation');
    const second = await runCli(['migrate'], env);
    expect(second.stdout).toContain('up to date');
  });

  it('prints a generated first key once, and `keys create` makes another that works', async () => {
    const db = await database();
    const env = {
      ...db.env,
      ALLOT_DATA_DIR: db.kind === 'pglite' ? tempDir() : 'memory://',
      ALLOT_DEMO: '0',
    };
    const first = await startServerProcess(env);
    const generated = /(sk_[A-Za-z0-9]{40})/.exec(first.output())?.[1];
    expect(generated).toBeDefined();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const created = await runCli(['keys', 'create'], env);
    expect(created.code).toBe(0);
    const newKey = created.stdout.trim();
    expect(newKey).toMatch(/^sk_[A-Za-z0-9]{40}$/);

    // A second start on the same data neither makes a tenant nor prints a key.
    const second = await startServerProcess(env);
    cleanups.push(() => {
      second.child.kill('SIGKILL');
    });
    expect(second.output()).not.toMatch(/sk_[A-Za-z0-9]{40}/);
    for (const key of [generated, newKey]) {
      const res = await fetch(`${second.url}/v1/tenant`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
    }
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses a malformed ALLOT_BOOTSTRAP_KEY with a clear message', async () => {
    const res = await runCli(['serve'], { ALLOT_BOOTSTRAP_KEY: 'password', ALLOT_DATA_DIR: 'memory://' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('ALLOT_BOOTSTRAP_KEY');
  });
});

describe('allot catalog import|export', () => {
  it('imports YAML, exports JSON, and lists every error of a bad file', async () => {
    const db = await database();
    const server = await startServerProcess({
      ...db.env,
      ALLOT_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
      ALLOT_DEMO: '0',
    });
    cleanups.push(() => {
      server.child.kill('SIGKILL');
    });
    const dir = tempDir();
    const env = { ALLOT_URL: server.url, ALLOT_KEY: BOOTSTRAP_KEY };
    writeFileSync(
      join(dir, 'catalog.yaml'),
      [
        'features:',
        '  - { key: tickets, name: Tickets, kind: quota }',
        'plans:',
        '  - key: premium',
        '    name: Premium',
        '    entitlements: [{ feature: tickets, limit: 500 }]',
        '    prices: [{ billing_period: month, currency: EUR, amount: 4900 }]',
      ].join('\n'),
    );
    const imported = await runCli(['catalog', 'import', join(dir, 'catalog.yaml')], env);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('2 created');
    const exported = await runCli(['catalog', 'export', join(dir, 'out.json')], env);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(doc.plans[0]).toMatchObject({ key: 'premium', prices: [{ amount: 4900, currency: 'EUR' }] });

    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        plans: [
          {
            key: 'x',
            name: 'X',
            entitlements: [{ feature: 'ghost' }],
            prices: [{ billing_period: 'month', currency: 'ZZZ', amount: 1 }],
          },
        ],
      }),
    );
    const bad = await runCli(['catalog', 'import', join(dir, 'bad.json')], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('plans[0].entitlements[0].feature');
    expect(bad.stderr).toContain('plans[0].prices[0].currency');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish on SIGTERM, then exits 0', async () => {
    const db = await database();
    const server = await startServerProcess({
      ...db.env,
      ALLOT_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
      ALLOT_DEMO: '0',
    });
    const { hostname, port } = new URL(server.url);
    const body = JSON.stringify({ frozen_time: '2026-01-01T00:00:00Z', name: 'in flight' });
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
    });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Headers and half the body: the request is in flight when the signal comes.
    socket.write(
      `POST /v1/test_clocks HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${BOOTSTRAP_KEY}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    // New connections are refused while it drains.
    const refused = await fetch(`${server.url}/v1/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(refused === 'refused' || refused === 503).toBe(true);
    socket.write(body.slice(10));
    await closed;
    expect(answer).toMatch(/^HTTP\/1.1 201/);
    expect(answer).toContain('"name":"in flight"');
    expect(await server.exited).toBe(0);
  });
});
