import { benchEntitlements } from './entitlements.ts';
import { benchPortal } from './portal.ts';
import { benchPortalFirstPage } from './portal-first-page.ts';
import { benchProcess } from './process.ts';
import { benchRenewals } from './renewals.ts';

/**
 * `npm run bench`: each figure beside a baseline measured in the same run on the same machine, as
 * ratios (these machines are noisy). PostgreSQL figures need a server: DATABASE_URL, or the local
 * default postgres://postgres@127.0.0.1:5432/postgres when it answers.
 */
const POSTGRES = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const only = process.argv[2];

async function postgresReachable(): Promise<boolean> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const rows: string[][] = [];
/** A row of the table printed at the end, shown on stderr as soon as it is measured too. */
function record(row: string[]): void {
  rows.push(row);
  console.error(`| ${row.join(' | ')} |`);
}
if (!only || only === 'renewals') {
  const targets: (string | undefined)[] = [undefined];
  if (await postgresReachable()) targets.push(POSTGRES);
  else console.error('PostgreSQL not reachable: renewals measured on PGlite only.');
  for (const url of targets) {
    const f = await benchRenewals(N, url);
    record([
      `billing run, ${f.subscriptions.toLocaleString('en')} renewals`,
      f.database,
      `${f.seconds.toFixed(2)} s (${Math.round(f.perSecond).toLocaleString('en')}/s)`,
      `INSERT…SELECT of the same invoices and lines: ${f.baselineSeconds.toFixed(2)} s`,
      `${f.ratio.toFixed(1)}× the baseline`,
    ]);
    // BENCH_MILLION=1 (long: minutes): 1,000,000 renewals on PostgreSQL beside the 100,000 just
    // measured there, which a linear billing run takes ten times as long as (goal: within 11×).
    if (process.env.BENCH_MILLION && url === POSTGRES) {
      const m = await benchRenewals(1_000_000, url);
      record([
        `billing run, ${m.subscriptions.toLocaleString('en')} renewals`,
        m.database,
        `${m.seconds.toFixed(2)} s (${Math.round(m.perSecond).toLocaleString('en')}/s)`,
        `the ${f.subscriptions.toLocaleString('en')} renewals of this run: ${f.seconds.toFixed(2)} s; INSERT…SELECT of the same invoices and lines: ${m.baselineSeconds.toFixed(2)} s`,
        `${(m.seconds / f.seconds).toFixed(1)}× the ${f.subscriptions.toLocaleString('en')} renewals for ${(m.subscriptions / f.subscriptions).toFixed(0)}× the work (goal ≤ 11×); ${m.ratio.toFixed(1)}× the baseline`,
      ]);
    }
  }
}

if (!only || only === 'entitlements') {
  const targets: (string | undefined)[] = [undefined];
  if (await postgresReachable()) targets.push(POSTGRES);
  for (const url of targets) {
    for (const r of await benchEntitlements(url))
      record([r.benchmark, r.database, r.measured, r.baseline, r.ratio]);
  }
}

if (!only || only === 'portal') {
  const targets: (string | undefined)[] = [undefined];
  if (await postgresReachable()) targets.push(POSTGRES);
  for (const url of targets)
    for (const r of await benchPortal(url))
      record([r.benchmark, r.database, r.measured, r.baseline, r.ratio]);
}

// The portal's first page in Chromium (web/dist as built by `npm run build`).
if (!only || only === 'portal-first-page')
  for (const r of await benchPortalFirstPage())
    record([r.benchmark, r.database, r.measured, r.baseline, r.ratio]);

if (!only || only === 'process')
  for (const r of await benchProcess()) record([r.benchmark, r.database, r.measured, r.baseline, r.ratio]);

const header = ['benchmark', 'database', 'measured', 'baseline (same run)', 'ratio'];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
