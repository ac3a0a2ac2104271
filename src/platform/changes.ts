/** What a write changed: anything (terms, accounts, catalog…) or only usage counted. */
export type Change = 'any' | 'usage';

/**
 * Tells in-process caches that a tenant's data changed (a write committed, billing ran). Other
 * processes learn it through the caches' short lifetimes; decisions that must be exact (consume) are
 * taken in the database, never from a cache.
 */
export class TenantChanges {
  readonly #listeners: { listener: (tenantId: string) => void; skipUsage: boolean }[] = [];

  /** Hears every change; with `skipUsage`, every change but usage counted (nothing it caches moved). */
  subscribe(listener: (tenantId: string) => void, { skipUsage = false } = {}): void {
    this.#listeners.push({ listener, skipUsage });
  }

  notify(tenantId: string, change: Change = 'any'): void {
    for (const l of this.#listeners) if (change === 'any' || !l.skipUsage) l.listener(tenantId);
  }
}
