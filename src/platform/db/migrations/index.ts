import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_catalog_accounts_history.ts';
import * as m0003 from './0003_subscriptions_billing.ts';
import * as m0004 from './0004_usage.ts';
import * as m0005 from './0005_webhooks.ts';
import * as m0006 from './0006_seats.ts';
import * as m0007 from './0007_seat_peaks.ts';
import * as m0008 from './0008_usage_key_requests.ts';
import * as m0009 from './0009_retention.ts';
import * as m0010 from './0010_webhook_endpoint_management.ts';
import * as m0011 from './0011_emails.ts';
import * as m0012 from './0012_timeline.ts';
import * as m0013 from './0013_portal_sessions.ts';
import * as m0014 from './0014_publishable_keys_pricing_tables.ts';
import * as m0015 from './0015_legal_details_and_names.ts';
import * as m0016 from './0016_email_bodies.ts';
import * as m0017 from './0017_credit_notes.ts';
import * as m0018 from './0018_rate_limits.ts';
import * as m0019 from './0019_key_expiry.ts';

/** The one list of migrations, in order. Names sort; never rename or edit a released one. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_catalog_accounts_history': m0002,
  '0003_subscriptions_billing': m0003,
  '0004_usage': m0004,
  '0005_webhooks': m0005,
  '0006_seats': m0006,
  '0007_seat_peaks': m0007,
  '0008_usage_key_requests': m0008,
  '0009_retention': m0009,
  '0010_webhook_endpoint_management': m0010,
  '0011_emails': m0011,
  '0012_timeline': m0012,
  '0013_portal_sessions': m0013,
  '0014_publishable_keys_pricing_tables': m0014,
  '0015_legal_details_and_names': m0015,
  '0016_email_bodies': m0016,
  '0017_credit_notes': m0017,
  '0018_rate_limits': m0018,
  '0019_key_expiry': m0019,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
