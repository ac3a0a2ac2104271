import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from './helpers/process.ts';

/**
 * Issue 14: a first start reads well. Log lines are JSON for a collector or readable lines in a
 * terminal (`LOG_FORMAT`), and the start ends with one block — where the API, the reference, the
 * portal and the health check are, and the secret key shown once — after the log lines, not among them.
 */
const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
afterAll(async () => {
  for (const s of servers) {
    s.child.kill('SIGTERM');
    await s.exited;
  }
});

async function started(format: 'json' | 'pretty') {
  // Embedded PGlite, even on the PostgreSQL run: a first start on an empty database is what is shown.
  const server = await startServerProcess({
    DATABASE_URL: '',
    ALLOT_DATA_DIR: 'memory://',
    ALLOT_DEMO: '0',
    LOG_FORMAT: format,
  });
  servers.push(server);
  await expect
    .poll(() => /shown this once:\n\n {2}sk_\w+/.test(server.output()), { timeout: 20_000 })
    .toBe(true);
  const output = server.output();
  const start = output.indexOf('Allot is running.');
  return {
    server,
    logs: output.slice(0, start).trim().split('\n').filter(Boolean),
    banner: output.slice(start),
  };
}

// A process that compiles its TypeScript as it starts (tsx) is slow on a busy 2-core machine.
describe('allot serve', { timeout: 180_000 }, () => {
  it('logs JSON lines, then prints where everything is and the first key, which works', async () => {
    const { server, logs, banner } = await started('json');
    for (const line of logs) expect(() => JSON.parse(line), line).not.toThrow();
    expect(logs.map((l) => JSON.parse(l).msg)).toContain(`Allot listening on ${server.url}`);
    for (const row of [
      `API        ${server.url}/v1`,
      `Reference  ${server.url}/docs`,
      `Portal     ${server.url}/portal`,
      `Health     ${server.url}/v1/health/ready`,
      'Database   PGlite in memory://',
    ])
      expect(banner).toContain(row);
    const key = /shown this once:\n\n {2}(sk_\w+)/.exec(banner)![1]!;
    const res = await fetch(`${server.url}/v1/accounts`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    // The key is in the block only, never in a log line.
    expect(logs.join('\n')).not.toContain(key);
  });

  it('logs readable lines with LOG_FORMAT=pretty (a terminal’s default)', async () => {
    const { server, logs, banner } = await started('pretty');
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(line.startsWith('{'), line).toBe(false);
    expect(logs.some((l) => /INFO.*Allot listening on/.test(l))).toBe(true);
    expect(banner).toContain(`API        ${server.url}/v1`);
  });
});
