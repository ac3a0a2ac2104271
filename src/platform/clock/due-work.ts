import type { TenantScope } from '../db/tenant-scope.ts';
import { Temporal } from './clock.ts';

/**
 * Work that falls due at an instant: renewals, trial ends, quota resets, invoices.
 * Modules register a handler; the billing job runs handlers for the system clock, and advancing a
 * test clock runs them at every instant that falls due on the way, in time order.
 *
 * `clockId` is the test clock whose accounts are concerned, or null for accounts on the system clock.
 */
export type DueWorkCounts = Record<string, number>;

export interface DueWorkHandler {
  readonly name: string;
  /** The earliest instant strictly after `after` and at most `until` at which this handler has work, if any. */
  nextDueAt(
    scope: TenantScope,
    clockId: string | null,
    after: Temporal.Instant,
    until: Temporal.Instant,
  ): Promise<Temporal.Instant | null>;
  /** Do everything due at or before `now`; answers what it did, as counts. Must be safe to run twice and concurrently. */
  runDue(
    scope: TenantScope,
    clockId: string | null,
    now: Temporal.Instant,
  ): Promise<DueWorkCounts | undefined>;
}

export class DueWorkRegistry {
  readonly #handlers: DueWorkHandler[] = [];

  register(handler: DueWorkHandler): void {
    if (this.#handlers.some((h) => h.name === handler.name))
      throw new Error(`due-work handler ${handler.name} is registered twice`);
    this.#handlers.push(handler);
  }

  get handlers(): readonly DueWorkHandler[] {
    return this.#handlers;
  }

  /** The earliest instant in (after, until] at which any handler has work. */
  async nextDueAt(
    scope: TenantScope,
    clockId: string | null,
    after: Temporal.Instant,
    until: Temporal.Instant,
  ): Promise<Temporal.Instant | null> {
    let next: Temporal.Instant | null = null;
    for (const handler of this.#handlers) {
      const at = await handler.nextDueAt(scope, clockId, after, until);
      if (at && (next === null || Temporal.Instant.compare(at, next) < 0)) next = at;
    }
    return next;
  }

  async runDue(scope: TenantScope, clockId: string | null, now: Temporal.Instant): Promise<DueWorkCounts> {
    const total: DueWorkCounts = {};
    for (const handler of this.#handlers) {
      for (const [k, v] of Object.entries((await handler.runDue(scope, clockId, now)) ?? {}))
        total[k] = (total[k] ?? 0) + v;
    }
    return total;
  }
}
