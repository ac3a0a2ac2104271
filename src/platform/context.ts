import type { Logger } from 'pino';
import type { TenantChanges } from './changes.ts';
import type { Clock } from './clock/clock.ts';
import type { DueWorkRegistry } from './clock/due-work.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { Tracing } from './tracing.ts';

/** What every module's actions and routes are given: no globals. */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  /** The wall clock, for accounts not bound to a test clock. */
  readonly clock: Clock;
  readonly dueWork: DueWorkRegistry;
  readonly log: Logger;
  /** Committed changes, for in-process caches. */
  readonly changes: TenantChanges;
  /** OpenTelemetry, when an exporter is configured. */
  readonly tracing?: Tracing | undefined;
}
