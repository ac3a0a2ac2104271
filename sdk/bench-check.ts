import type { Allot } from './index.ts';

export interface SnapshotCheckBench {
  iterations: number;
  seconds: number;
  perSecond: number;
  /** How many of the checks were allowed (kept so the loop's work cannot be optimized away). */
  allowed: number;
}

/**
 * Checks per second answered from the local snapshot: `allot.entitlements.checkSync` in a loop, a new
 * input object each time and quantities 1–4, after a warm-up. The account's snapshot must be loaded
 * (a first `check`, `list` or `prime`), and must stay fresh for the run.
 */
export function benchSnapshotCheck(
  allot: Allot,
  account: string,
  feature: string,
  iterations: number,
): SnapshotCheckBench {
  if (allot.entitlements.checkSync({ account, feature }) === undefined) {
    throw new Error(`No fresh snapshot of ${account}: check it once (or prime it) before benchmarking.`);
  }
  const run = (n: number) => {
    let allowed = 0;
    for (let i = 0; i < n; i++) {
      const answer = allot.entitlements.checkSync({ account, feature, quantity: (i & 3) + 1 });
      if (answer === undefined) throw new Error('The snapshot went stale during the benchmark.');
      if (answer.allowed) allowed++;
    }
    return allowed;
  };
  run(Math.min(100_000, Math.max(1_000, Math.floor(iterations / 10))));
  const start = performance.now();
  const allowed = run(iterations);
  const seconds = (performance.now() - start) / 1000;
  return { iterations, seconds, perSecond: iterations / seconds, allowed };
}
