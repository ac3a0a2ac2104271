/**
 * `allot billing run`: the due billing work of a running Allot, now (`POST /v1/billing/run`) —
 * renewals, period-end endings, trial expiries and warnings of the accounts on the wall clock. The
 * server answers once all is done, with counts; a bar shows the wait meanwhile.
 */
import type { Command } from 'commander';
import { connect, targetOf, withApiOptions } from './api.ts';
import { progress } from './output.ts';

/** The counts the server reports, in words; a count it reports that is not here is shown by its name. */
const LABELS: Record<string, string> = {
  renewed: 'subscriptions renewed',
  ended: 'subscriptions ended at period end',
  invoices: 'invoices issued',
  credit_notes: 'credit notes issued',
  trials_expired: 'trials expired',
  trial_warnings: 'trial-end warnings',
  failed: 'subscriptions that failed (see the server log)',
};

export function billingSummary(counts: Record<string, number>): string {
  const known = Object.keys(LABELS).filter((k) => k in counts);
  const rows = [
    ...known,
    ...Object.keys(counts)
      .filter((k) => !(k in LABELS))
      .sort(),
  ].map((k) => [String(counts[k]), LABELS[k] ?? k.replaceAll('_', ' ')]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return 'Billing run: nothing was due.\n';
  const width = Math.max(...rows.map(([n]) => n!.length));
  return `Billing run:\n${rows.map(([n, label]) => `  ${n!.padStart(width)}  ${label}\n`).join('')}`;
}

export function registerBilling(program: Command): void {
  const billing = withApiOptions(program.command('billing').description('Billing of a running Allot.'));
  billing
    .command('run')
    .description(
      'Run the due billing work now (it also runs by itself every minute; running it twice never bills twice).',
    )
    .action(async (_opts, command: Command) => {
      const api = connect(targetOf(command));
      const bar = progress('Billing run', 0);
      let run: Awaited<ReturnType<typeof api.billing.run>>;
      try {
        run = await api.billing.run();
      } finally {
        bar.stop();
      }
      process.stdout.write(billingSummary(run.counts));
      if ((run.counts.failed ?? 0) > 0) process.exitCode = 1;
    });
}
