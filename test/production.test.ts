/**
 * Issue 14, running in production: the server runs as built JavaScript (dist/allot.js, from
 * `npm run build`) in a folder holding only what the Docker image holds — no sources, so no tsx —
 * and the Dockerfile and compose.yaml name files the build makes and settings the server reads.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freshDatabase, type TestDatabase } from './helpers/database.ts';
import { startServerProcess } from './helpers/process.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('the production build', { timeout: 120_000 }, () => {
  it('serves the API and the portal from dist/ in a folder without sources', async () => {
    const app = await mkdtemp(join(tmpdir(), 'allot-image-'));
    cleanups.push(() => rm(app, { recursive: true, force: true }));
    // The package's own build command, into the scratch folder: the checkout's dist/ may be in use.
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts['build:server']).toBe('node scripts/build-server.mjs');
    await run(process.execPath, ['scripts/build-server.mjs', join(app, 'dist')], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${ROOT}node_modules/.bin:${process.env.PATH}` },
    });
    // What the Dockerfile's last stage copies.
    for (const part of ['package.json', 'bin'])
      await cp(join(ROOT, part), join(app, part), { recursive: true });
    await mkdir(join(app, 'web'));
    if (existsSync(join(ROOT, 'web', 'dist')))
      await cp(join(ROOT, 'web', 'dist'), join(app, 'web', 'dist'), { recursive: true });
    await symlink(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
    expect(existsSync(join(app, 'src'))).toBe(false);

    const database: TestDatabase = await freshDatabase();
    cleanups.push(() => database.drop());
    const server = await startServerProcess(
      {
        ...database.env,
        ALLOT_DEMO: '0',
        ALLOT_BOOTSTRAP_KEY: 'sk_test_production_0123456789',
        HOST: '127.0.0.1',
      },
      { bin: join(app, 'bin', 'allot.js'), cwd: app },
    );
    cleanups.push(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    });
    const ready = await fetch(`${server.url}/v1/health/ready`);
    expect(ready.status).toBe(200);
    const accounts = await fetch(`${server.url}/v1/accounts`, {
      headers: { authorization: 'Bearer sk_test_production_0123456789' },
    });
    expect(accounts.status).toBe(200);
    expect(await accounts.json()).toMatchObject({ data: [], has_more: false });
    if (existsSync(join(app, 'web', 'dist', 'index.html'))) {
      const portal = await fetch(`${server.url}/portal/`);
      expect(portal.status).toBe(200);
      expect(await portal.text()).toContain('<div id="root"');
    }
    // A stack trace names the TypeScript sources, through the build's source map.
    expect(existsSync(join(app, 'dist', 'allot.js.map'))).toBe(true);
  });

  it('has a Dockerfile and a compose.yaml that name what the build makes and what the server reads', async () => {
    const config = await readFile(join(ROOT, 'src', 'platform', 'config.ts'), 'utf8');
    const settings = new Set([...config.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]));
    const dockerfile = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    for (const [, from] of runtime.matchAll(/COPY --from=build \/app\/(\S+)/g)) {
      expect(['package.json', 'node_modules', 'bin', 'dist', 'web/dist'], from).toContain(from);
    }
    const env = [...runtime.matchAll(/^\s*(?:ENV\s+)?([A-Z_]+)=/gm)]
      .map((m) => m[1]!)
      .filter((n) => n !== 'NODE_ENV');
    expect(env.length).toBeGreaterThan(2);
    for (const name of env) expect(settings, name).toContain(name);
    expect(runtime).toContain('/v1/health/ready');

    const compose = parse(await readFile(join(ROOT, 'compose.yaml'), 'utf8'));
    expect(Object.keys(compose.services).sort()).toEqual(['allot', 'postgres']);
    const allot = compose.services.allot;
    for (const name of Object.keys(allot.environment)) expect(settings, name).toContain(name);
    const url = new URL(allot.environment.DATABASE_URL);
    const pg = compose.services.postgres.environment;
    expect([url.hostname, url.username, url.password, url.pathname.slice(1)]).toEqual([
      'postgres',
      pg.POSTGRES_USER,
      pg.POSTGRES_PASSWORD,
      pg.POSTGRES_DB,
    ]);
    expect(allot.depends_on.postgres.condition).toBe('service_healthy');
  });
});
