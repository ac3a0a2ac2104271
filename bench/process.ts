import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Row } from './entitlements.ts';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_START_RUNS ?? 5);

/**
 * The embedded process, as `npm start` runs it (`bin/allot.js serve`, PGlite, the demo workspace):
 * the time from spawning it to its first `/v1/health` answer, on a folder made by an earlier start
 * (median of RUNS), and its resident memory once idle. Baselines from the same run: a Node process
 * answering HTTP with nothing loaded, spawned and asked the same way, and that process's memory.
 */
export async function benchProcess(): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'allot-bench-process-'));
  try {
    const env = { ALLOT_DATA_DIR: join(dir, 'data'), ALLOT_DEMO: '1', LOG_LEVEL: 'silent' };
    const allot = (port: number) =>
      spawn(process.execPath, [join(ROOT, 'bin', 'allot.js'), 'serve'], {
        cwd: ROOT,
        env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: 'ignore',
      });
    const bare = (port: number) =>
      spawn(
        process.execPath,
        [
          '-e',
          `require('node:http').createServer((q, s) => s.end('{"status":"ok"}')).listen(${port}, '127.0.0.1')`,
        ],
        { stdio: 'ignore' },
      );
    // The first start makes the folder and the demo workspace; its memory is measured once idle.
    const first = await started(allot);
    const firstRss = await idleRss(first.child);
    await stop(first.child);
    const bareFirst = await started(bare);
    const bareRss = await idleRss(bareFirst.child);
    await stop(bareFirst.child);
    const ours: number[] = [];
    const theirs: number[] = [];
    let restartRss = 0;
    for (let i = 0; i < RUNS; i++) {
      const a = await started(allot);
      ours.push(a.ms);
      if (i === 0) restartRss = await idleRss(a.child);
      await stop(a.child);
      const b = await started(bare);
      theirs.push(b.ms);
      await stop(b.child);
    }
    const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
    return [
      {
        benchmark: 'idle server with the demo, resident memory (first start / a restart)',
        database: 'pglite',
        measured: `${mb(firstRss)} / ${mb(restartRss)}`,
        baseline: `a bare Node HTTP server: ${mb(bareRss)}; goal ≤ 250 MB`,
        ratio: `${(Math.max(firstRss, restartRss) / 1024 / 250).toFixed(2)}× the goal`,
      },
      {
        benchmark: `start to the first /v1/health answer, an existing folder (median of ${RUNS})`,
        database: 'pglite',
        measured: `${Math.round(median(ours))} ms`,
        baseline: `a bare Node HTTP server, spawned the same way: ${Math.round(median(theirs))} ms; goal ≤ 2,000 ms`,
        ratio: `${(median(ours) / median(theirs)).toFixed(1)}× the bare server`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Spawns a server and times it to its first health answer. */
async function started(make: (port: number) => ChildProcess): Promise<{ child: ChildProcess; ms: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = make(port);
  const deadline = t0 + 120_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/health`);
      if (res.ok) return { child, ms: performance.now() - t0 };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer within 2 minutes');
}

/** The process's resident memory (kB) after 5 s of idleness (timers, the demo's jobs settle). */
async function idleRss(child: ChildProcess): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
