/** What a write changed: anything (terms, accounts, catalog…) or only usage counted. */
export type Change = 'any' | 'usage';

interface Listener {
  listener: (tenantId: string) => void;
  /** Everything may have changed (a change feed that lost its connection): forget it all. */
  all?: (() => void) | undefined;
  skipUsage: boolean;
}

/**
 * Tells in-process caches that a tenant's data changed (a write committed, billing ran). On
 * PostgreSQL the other processes hear of it at once through the change feed (db/change-feed.ts), and
 * otherwise within the caches' short lifetimes; decisions that must be exact (consume) are taken in
 * the database, never from a cache.
 */
export class TenantChanges {
  readonly #listeners: Listener[] = [];
  #broadcast: ((tenantId: string) => void) | undefined;

  /**
   * Hears every change; with `skipUsage`, every change but usage counted (nothing it caches moved);
   * `all`, when everything must be forgotten.
   */
  subscribe(
    listener: (tenantId: string) => void,
    options: { skipUsage?: boolean; all?: () => void } = {},
  ): void {
    this.#listeners.push({ listener, skipUsage: options.skipUsage ?? false, all: options.all });
  }

  /** A change made here: heard here, and by the other processes when a feed is attached. */
  notify(tenantId: string, change: Change = 'any'): void {
    this.deliver(tenantId, change);
    // Usage is not sent: it changes with every consume, and the usage cache lives for a second.
    if (change === 'any') this.#broadcast?.(tenantId);
  }

  /** A change made elsewhere (another process): heard here only. */
  deliver(tenantId: string, change: Change = 'any'): void {
    for (const l of this.#listeners) if (change === 'any' || !l.skipUsage) l.listener(tenantId);
  }

  /** Anything may have changed, for every tenant. */
  deliverAll(): void {
    for (const l of this.#listeners) l.all?.();
  }

  /** Sends this process's changes to the others (the change feed). */
  attach(broadcast: (tenantId: string) => void): void {
    this.#broadcast = broadcast;
  }
}
