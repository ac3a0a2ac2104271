/**
 * Tells in-process caches that a tenant's data changed (a write committed, billing ran). Other
 * processes learn it through the caches' short lifetimes; decisions that must be exact (consume) are
 * taken in the database, never from a cache.
 */
export class TenantChanges {
  readonly #listeners: ((tenantId: string) => void)[] = [];

  subscribe(listener: (tenantId: string) => void): void {
    this.#listeners.push(listener);
  }

  notify(tenantId: string): void {
    for (const l of this.#listeners) l(tenantId);
  }
}
