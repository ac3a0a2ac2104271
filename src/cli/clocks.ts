/**
 * `allot clocks create | advance`: test clocks of a running Allot. Advancing runs, on the server and
 * before it answers, every renewal, trial end and quota reset due on the way (the answer is the clock
 * at its new time; it says nothing of the work done). So that a long advance shows its progress, the
 * CLI advances a month at a time by default (`--step`): each step is one advance, which the server
 * runs as the single advance would — it stops at every instant work falls due anyway.
 */
import type { Command } from 'commander';
import { Temporal } from '../platform/clock/clock.ts';
import { connect, targetOf, withApiOptions } from './api.ts';
import { UsageError } from './errors.ts';
import { progress } from './output.ts';

const STEPS = ['month', 'week', 'day', 'none'] as const;
type Step = (typeof STEPS)[number];

function instantOf(text: string, option: string): Temporal.Instant {
  try {
    return Temporal.Instant.from(text);
  } catch {
    throw new UsageError(`${option} is a time with its offset, e.g. 2026-03-01T00:00:00Z; got ${text}`);
  }
}

/** The instants a clock stops at from `from` to `to`: every whole step (UTC calendar) after `from`, then `to`. */
export function stepsBetween(from: Temporal.Instant, to: Temporal.Instant, step: Step): Temporal.Instant[] {
  const out: Temporal.Instant[] = [];
  if (step !== 'none') {
    const start = from.toZonedDateTimeISO('UTC');
    const unit = step === 'month' ? 'months' : step === 'week' ? 'weeks' : 'days';
    for (let i = 1; ; i++) {
      // Each from the start: 31 January, 28 February, 31 March — not a drift to the 28th.
      const at = start.add({ [unit]: i }).toInstant();
      if (Temporal.Instant.compare(at, to) >= 0) break;
      out.push(at);
    }
  }
  out.push(to);
  return out;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export function registerClocks(program: Command): void {
  const clocks = withApiOptions(
    program
      .command('clocks')
      .description(
        'Test clocks of a running Allot: accounts bound to one live at its time, which moves only when advanced.',
      ),
  );

  clocks
    .command('create')
    .description('Create a test clock; bind accounts to it with "test_clock" when creating them.')
    .requiredOption('--at <time>', 'where it starts, with an offset: 2026-01-31T09:00:00Z')
    .option('--name <name>', 'a name to tell clocks apart')
    .action(async (opts: { at: string; name?: string }, command: Command) => {
      const api = connect(targetOf(command));
      const clock = await api.testClocks.create({
        frozen_time: opts.at,
        ...(opts.name ? { name: opts.name } : {}),
      });
      process.stdout.write(
        `Created test clock ${clock.id}${clock.name ? ` (${clock.name})` : ''} at ${clock.frozen_time}.\n`,
      );
    });

  clocks
    .command('advance')
    .argument('<id>', 'the test clock (clock_…)')
    .description(
      'Move a test clock forward, running the renewals, trial ends and resets due on the way, with progress.',
    )
    .requiredOption('--to <time>', 'the new time, with an offset: 2026-03-01T00:00:00Z')
    .option('--step <step>', `advance by month, week, day, or none (one request)`, 'month')
    .action(async (id: string, opts: { to: string; step: string }, command: Command) => {
      if (!STEPS.includes(opts.step as Step))
        throw new UsageError(`--step is one of ${STEPS.join(', ')}; got ${opts.step}`);
      const to = instantOf(opts.to, '--to');
      const api = connect(targetOf(command));
      const before = await api.testClocks.get(id);
      const from = Temporal.Instant.from(before.frozen_time);
      // Not forward: one request, and the server's answer says why.
      const steps = Temporal.Instant.compare(to, from) > 0 ? stepsBetween(from, to, opts.step as Step) : [to];
      const started = performance.now();
      const bar = progress(`Advancing ${id}`, steps.length);
      let clock = before;
      try {
        for (const [i, at] of steps.entries()) {
          clock = await api.testClocks.advance(id, at.toString());
          bar.update(i + 1, clock.frozen_time);
        }
      } finally {
        bar.stop();
      }
      process.stdout.write(
        `Test clock ${clock.id} is at ${clock.frozen_time} (from ${before.frozen_time}, ${steps.length} step${steps.length === 1 ? '' : 's'}, ${seconds(started)}).\n`,
      );
    });
}
