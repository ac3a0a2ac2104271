import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';
import { account, seedCatalog, subscribe } from './helpers/scenario.ts';

/**
 * `@allot/sdk` as a customer gets it: `npm pack` in sdk/, the tarball installed in a scratch project
 * of its own, typechecked there with lib ES2022 + DOM and no @types/node, and run by plain node
 * (no tsx) against a real server.
 */

const run = promisify(execFile);
const SDK = resolve(import.meta.dirname, '../sdk');
const TSC = join(SDK, 'node_modules/typescript/bin/tsc');

/** The environment without npm's and tsx's own variables: the scratch project is a project of its own. */
const cleanEnv = (extra: Record<string, string> = {}) => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^npm_/i.test(k) && k !== 'NODE_OPTIONS') env[k] = v;
  }
  return { ...env, ...extra };
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: [],
    strict: true,
    noEmit: true,
    // The package's own declarations are checked too.
    skipLibCheck: false,
  },
  files: ['consumer.ts'],
};

/** Typechecked, not run: the types a consumer relies on, with `@ts-expect-error` where they must refuse. */
const CONSUMER_TS = `import {
  type Account,
  Allot,
  AllotApiError,
  AllotConnectionError,
  type AllotEvent,
  type ListPromise,
  type Page,
  verifyWebhook,
} from '@allot/sdk';

const allot = new Allot({ baseUrl: 'https://allot.example.com', secretKey: 'sk_x', timeoutMs: 10_000, maxRetries: 3 });

export async function consume(secret: string, headers: Headers, body: string): Promise<number> {
  const list: ListPromise<Account> = allot.accounts.list({ limit: 100 });
  const page: Page<Account> = await list;
  let n = page.data.length + (page.has_more ? 1 : 0);
  for await (const a of allot.accounts.list({ limit: 100 })) n += a.name.length;
  const all: Account[] = await allot.invoices.list().toArray({ limit: 500 }).then(() => []);
  n += all.length;
  try {
    await allot.subscriptions.cancel('sub_1', { idempotencyKey: 'cancel-sub_1' });
    await allot.webhookEndpoints.create({ url: 'https://example.com/hooks', events: ['invoice.issued'] });
  } catch (error) {
    if (error instanceof AllotApiError) {
      const code: string = error.code;
      const requestId: string | null = error.requestId;
      n += code.length + (requestId?.length ?? 0) + error.errors.length + (error.retryAfter ?? 0);
    } else if (error instanceof AllotConnectionError) {
      n += error.attempts;
    }
  }
  const check = await allot.entitlements.check({ account: 'acct_1', feature: 'tickets' });
  if (!check.allowed) n += check.remaining ?? 0;
  const event: AllotEvent = await verifyWebhook({ secret, headers, body });
  switch (event.type) {
    case 'invoice.issued':
      n += event.data.amount_due;
      break;
    case 'quota.warning':
      n += event.data.threshold;
      // @ts-expect-error a quota warning names no invoice
      n += event.data.amount_due;
      break;
    case 'subscription.created':
      n += event.data.subscription.quantity;
      break;
  }
  // @ts-expect-error not an event type
  if (event.type === 'invoice.eaten') n = 0;
  return n;
}
`;

/** Run by node, no tsx: every answer it prints comes from the server. */
const CONSUMER_MJS = `import { readFileSync } from 'node:fs';
import { Allot, AllotApiError, AllotWebhookError, verifyWebhook } from '@allot/sdk';

const { ALLOT_URL, ALLOT_KEY, DELIVERY } = process.env;
const allot = new Allot({ baseUrl: ALLOT_URL, secretKey: ALLOT_KEY });
const out = {};

const parent = await allot.accounts.create({ name: 'Pack reseller', kind: 'partner', currency: 'EUR' });
out.children = [];
for (let i = 0; i < 3; i++) {
  const child = await allot.accounts.create({ name: 'Pack customer ' + i, parent_id: parent.id, currency: 'EUR' });
  out.children.push(child.id);
}
out.parent = parent.id;
const first = await allot.accounts.list({ parent_id: parent.id, limit: 2 });
out.firstPage = { ids: first.data.map((a) => a.id), has_more: first.has_more };
out.iterated = [];
for await (const a of allot.accounts.list({ parent_id: parent.id, limit: 2 })) out.iterated.push(a.id);

const sub = await allot.subscriptions.create({ account: out.children[0], plan: 'premium' });
out.subscription = { id: sub.id, status: sub.status, plan_key: sub.plan_key };
out.check = await allot.entitlements.check({ account: out.children[0], feature: 'tickets' });
out.consume = await allot.entitlements.consume({
  account: out.children[0], feature: 'tickets', quantity: 2, idempotencyKey: 'pack-1',
});
out.afterConsume = allot.entitlements.checkSync({ account: out.children[0], feature: 'tickets' });
try {
  await allot.invoices.get('inv_nothing');
} catch (error) {
  out.notFound = { apiError: error instanceof AllotApiError, status: error.status, code: error.code, requestId: error.requestId };
}

const delivery = JSON.parse(readFileSync(DELIVERY, 'utf8'));
const event = await verifyWebhook({ secret: delivery.secret, headers: new Headers(delivery.headers), body: delivery.body });
out.event = { type: event.type, account: event.account, data: event.data };
try {
  await verifyWebhook({ secret: delivery.secret, headers: delivery.headers, body: delivery.body + ' ' });
} catch (error) {
  out.forged = error instanceof AllotWebhookError ? error.message : String(error);
}
console.log(JSON.stringify(out));
`;

let t: TestAllot;
let dir: string;
let tarball: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  if (!existsSync(TSC)) {
    throw new Error(
      'sdk/node_modules is not installed: run `npm ci --prefix sdk` (the SDK builds with its own TypeScript 5).',
    );
  }
  dir = await mkdtemp(join(tmpdir(), 'allot-sdk-package-'));
  const packs = join(dir, 'packs');
  await mkdir(packs);
  const [server] = await Promise.all([
    startAllot(),
    // prepack builds dist/ with the SDK's own TypeScript.
    run('npm', ['pack', '--pack-destination', packs, '--no-audit', '--no-fund'], {
      cwd: SDK,
      env: cleanEnv(),
    }),
  ]);
  t = server;
  const [file] = (await readdir(packs)).filter((f) => f.endsWith('.tgz'));
  if (!file) throw new Error('npm pack made no tarball');
  tarball = join(packs, file);
}, 120_000);

afterAll(async () => {
  for (const close of closers) await close();
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A receiver for one webhook delivery, on loopback. */
async function receiver() {
  const received: { headers: Record<string, string>; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
        headers[name] = String(req.headers[name]);
      }
      received.push({ headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  closers.push(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

describe('@allot/sdk as a package', () => {
  it('packs dist/ with its licence, no sources or tests', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n').sort();
    expect(files).toEqual(
      expect.arrayContaining(['package/LICENSE', 'package/README.md', 'package/package.json']),
    );
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(
      files.filter(
        (f) => !f.startsWith('package/dist/') && !/package\/(LICENSE|README\.md|package\.json)$/.test(f),
      ),
    ).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => /test|bench/.test(f))).toEqual([]);
  });

  it('installs into a project of its own, typechecks with lib DOM and no @types/node, and runs on plain node against a real server', async () => {
    const project = join(dir, 'consumer');
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    await writeFile(join(project, 'consumer.ts'), CONSUMER_TS);
    await writeFile(join(project, 'consumer.mjs'), CONSUMER_MJS);
    // The package has no dependencies: nothing to fetch.
    await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--offline'], {
      cwd: project,
      env: cleanEnv(),
    });
    expect(existsSync(join(project, 'node_modules/@types'))).toBe(false);

    const typecheck = await run(process.execPath, [TSC, '-p', project], { cwd: project }).then(
      () => '',
      (e: { stdout?: string; message: string }) => e.stdout || e.message,
    );
    expect(typecheck, 'tsc over the consumer').toBe('');

    // A delivery signed by the server, for the consumer to verify.
    await seedCatalog(t);
    const hooks = await receiver();
    const endpoint = await t.api('POST', '/v1/webhook_endpoints', {
      url: hooks.url,
      events: ['invoice.issued'],
    });
    expect(endpoint.status).toBe(201);
    const payer = await account(t, null);
    const sub = await subscribe(t, { account: payer, plan: 'premium' });
    for (let i = 0; i < 3 && hooks.received.length === 0; i++) await t.allot.jobs.runDue();
    expect(hooks.received).toHaveLength(1);
    const delivery = join(dir, 'delivery.json');
    await writeFile(delivery, JSON.stringify({ ...hooks.received[0], secret: endpoint.body.secret }));

    const { stdout } = await run(process.execPath, ['consumer.mjs'], {
      cwd: project,
      env: cleanEnv({ ALLOT_URL: t.url, ALLOT_KEY: t.key, DELIVERY: delivery }),
    });
    const out = JSON.parse(stdout);

    const children = (await t.api('GET', `/v1/accounts?parent_id=${out.parent}&limit=100`)).body.data.map(
      (a: { id: string }) => a.id,
    );
    expect(children).toHaveLength(3);
    expect([...out.children].reverse()).toEqual(children);
    expect(out.firstPage).toEqual({ ids: children.slice(0, 2), has_more: true });
    expect(out.iterated).toEqual(children);
    expect(out.subscription).toMatchObject({ status: 'active', plan_key: 'premium' });
    expect((await t.api('GET', `/v1/subscriptions/${out.subscription.id}`)).body.account).toBe(
      out.children[0],
    );
    expect(out.check).toMatchObject({ allowed: true, feature: 'tickets', limit: 500, used: 0 });
    expect(out.consume).toMatchObject({ allowed: true, used: 2, remaining: 498 });
    expect(out.afterConsume).toMatchObject({ used: 2, remaining: 498 });
    expect(out.notFound).toMatchObject({ apiError: true, status: 404, code: 'not_found' });
    expect(out.notFound.requestId).toMatch(/^req_/);
    expect(out.event).toMatchObject({
      type: 'invoice.issued',
      account: payer,
      data: { invoice: sub.latest_invoice, currency: 'EUR' },
    });
    expect(out.forged).toBe('No webhook signature matches.');
  });
});
