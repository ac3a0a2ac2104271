/**
 * `allot keys list | create | revoke`: a running Allot's keys through its API (`/v1/keys`). `keys
 * create --offline` (or with no key at hand, or with `--tenant`) writes a secret key into the database
 * itself instead — the way in when no key is left, and for any tenant.
 */
import type { Command } from 'commander';
import { systemClock } from '../platform/clock/clock.ts';
import { createKey } from '../tenants/tenants.ts';
import { connect, hasKey, targetOf, withApiOptions } from './api.ts';
import { UsageError } from './errors.ts';
import { databaseName, tenantOrBootstrap, withDatabase } from './offline.ts';
import { shortTime, table } from './output.ts';

/** What a list shows of a key (the SDK's ApiKey has more). */
interface KeyRow {
  id: string;
  type: string;
  name: string | null;
  last4: string;
  created_at: string;
  revoked_at: string | null;
  expires_at?: string | null;
  in_use: boolean;
}

function keysTable(keys: readonly KeyRow[]): string {
  return table(
    ['ID', 'TYPE', 'NAME', 'LAST 4', 'CREATED', 'STATUS', 'IN USE'],
    keys.map((k) => [
      k.id,
      k.type,
      k.name ?? '',
      k.last4,
      shortTime(k.created_at),
      k.revoked_at
        ? `revoked ${shortTime(k.revoked_at)}`
        : k.expires_at
          ? `expires ${shortTime(k.expires_at)}`
          : 'active',
      k.in_use ? 'yes' : '',
    ]),
  );
}

interface CreateOptions {
  offline?: boolean;
  tenant?: string;
  name?: string;
  publishable?: boolean;
  origin?: string[];
}

async function createOffline(opts: CreateOptions): Promise<void> {
  if (opts.publishable)
    throw new UsageError('--offline makes secret keys only; publishable ones come from the API.');
  await withDatabase(async (db, config) => {
    const tenant = await tenantOrBootstrap(db, opts.tenant);
    const key = await createKey(db, tenant.id, systemClock.now(), opts.name ?? null);
    process.stdout.write(`${key.secret_key}\n`);
    process.stderr.write(
      `Created secret key ${key.id} for tenant ${tenant.id} (${tenant.name}) in ${databaseName(config)}. It is shown this once: store it now.\n`,
    );
  });
}

export function registerKeys(program: Command): void {
  const keys = withApiOptions(
    program
      .command('keys')
      .description('List, create and revoke the secret and publishable keys of a running Allot.'),
  );

  keys
    .command('list')
    .description('The keys of the tenant of the key in use, newest first, revoked ones included.')
    .action(async (_opts, command: Command) => {
      const api = connect(targetOf(command));
      const page = await api.client.keys.list();
      process.stdout.write(page.data.length ? keysTable(page.data) : 'No keys.\n');
    });

  keys
    .command('create')
    .summary('Create a key and print it once.')
    .description(
      'Create a key and print it once on stdout. Through the API with a key at hand; with --offline, --tenant or no key, in the database itself (stop a server using the same PGlite folder first).',
    )
    .option('--name <name>', 'what the key is for, shown in lists')
    .option('--publishable', 'a publishable key for web pages (pricing tables, quotes); needs --origin')
    .option('--origin <origin...>', 'for a publishable key: the origins of the pages that use it')
    .option('--offline', 'write a secret key into the database directly (DATABASE_URL or ALLOT_DATA_DIR)')
    .option('-t, --tenant <id>', 'with --offline: the tenant (default: the bootstrap tenant)')
    .action(async (opts: CreateOptions, command: Command) => {
      if (opts.offline || opts.tenant || !hasKey(command)) return createOffline(opts);
      if (!opts.publishable && opts.origin) throw new UsageError('--origin is for --publishable keys.');
      const api = connect(targetOf(command));
      const made = await api.client.keys.create({
        type: opts.publishable ? 'publishable' : 'secret',
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.origin ? { allowed_origins: opts.origin } : {}),
      });
      process.stdout.write(`${made.secret_key ?? made.publishable_key}\n`);
      process.stderr.write(
        made.secret_key
          ? `Created secret key ${made.id} (…${made.last4}). It is shown this once: store it now.\n`
          : `Created publishable key ${made.id} for ${made.allowed_origins.join(', ')}.\n`,
      );
    });

  keys
    .command('revoke')
    .argument('<id>', 'the key (key_…)')
    .description('Revoke a key: it stops working at once. The last active secret key cannot be revoked.')
    .action(async (id: string, _opts, command: Command) => {
      const api = connect(targetOf(command));
      const key = await api.client.keys.revoke(id);
      process.stdout.write(
        `Revoked ${key.type} key ${key.id} (…${key.last4}) at ${shortTime(key.revoked_at)}.\n`,
      );
    });

  keys
    .command('roll')
    .argument('<id>', 'the key (key_…)')
    .option(
      '--expires-in <seconds>',
      'how long the old key keeps working (0: it stops now; at most 604800)',
      '86400',
    )
    .description('Roll a key: a new key like it now (printed once), the old one working until it expires.')
    .action(async (id: string, opts: { expiresIn: string }, command: Command) => {
      const seconds = Number(opts.expiresIn);
      if (!Number.isInteger(seconds) || seconds < 0)
        throw new UsageError('--expires-in is a whole number of seconds.');
      const api = connect(targetOf(command));
      const made = await api.client.keys.roll(id, { expires_in: seconds });
      if (made.secret_key) process.stdout.write(`${made.secret_key}\n`);
      process.stderr.write(
        `Rolled ${made.rolled.id} (…${made.rolled.last4}) into ${made.id} (…${made.last4}); the old key works until ${shortTime(made.rolled.expires_at ?? '')}.\n`,
      );
    });
}
