import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runtime configuration, read once from the environment (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL URL; unset means embedded PGlite. */
  databaseUrl: string | undefined;
  /** The schema owner's URL, for migrations, when the serving role (DATABASE_URL) may not own it. */
  migrationDatabaseUrl: string | undefined;
  /** Connections in the PostgreSQL pool of this process. */
  dbPoolSize: number;
  /** PGlite's folder; `memory://` keeps nothing. */
  dataDir: string;
  /** PGlite's shared_buffers, a PostgreSQL size (`32MB`). */
  pgliteSharedBuffers: string;
  /** A dump (`.tar`) of a new, empty PGlite folder that new databases are copied from, not initdb's. */
  pgliteTemplate: string | undefined;
  /** On an empty database, the first tenant's secret key. */
  bootstrapKey: string | undefined;
  /** Load the demo workspace on a first start. */
  demo: boolean;
  logLevel: string;
  /** `pretty`: readable lines (a terminal's default); `json`: one JSON object a line (otherwise). */
  logFormat: 'pretty' | 'json';
  /** Run the background job loop (renewals, deliveries). Tests switch it off to drive work explicitly. */
  jobs: boolean;
  /** Where e-mail goes (`smtp://user:pass@host:587`, `smtps://…`); unset keeps it in the local outbox. */
  smtpUrl: string | undefined;
  /** The From of e-mails Allot sends. */
  mailFrom: string;
  /** Where webhooks may go: public addresses only, or anywhere (an Allot beside its one application). */
  webhookNetworks: 'public' | 'any';
  /** The address customers reach Allot at (portal links); unset: the address each request came to. */
  publicUrl: string | undefined;
  /** Who may frame the portal (CSP frame-ancestors sources); empty: nobody but Allot itself. */
  portalFrameAncestors: string[];
  /** The built portal's folder. */
  portalDir: string;
  /** Requests a minute one publishable key may make from one address (pricing tables, quotes). */
  publishableRateLimit: number;
  /** Requests a minute one secret key may make; 0: no limit. */
  rateLimit: number;
  /** Requests a minute one portal user may make; 0: no limit. */
  portalRateLimit: number;
  /** Failed authentications a minute one address may make before it is refused; 0: no limit. */
  authFailureLimit: number;
  /** How long a webhook receiver has to answer. */
  webhookTimeoutMs: number;
  /** Where requests per key are counted: in each process, or in PostgreSQL for all of them. */
  rateLimitStore: 'memory' | 'postgres';
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, got ${env.PORT}`);
  const bootstrapKey = env.ALLOT_BOOTSTRAP_KEY || undefined;
  if (bootstrapKey !== undefined && !/^sk_[A-Za-z0-9_]{16,200}$/.test(bootstrapKey)) {
    throw new ConfigError(
      'ALLOT_BOOTSTRAP_KEY must look like sk_ followed by at least 16 letters, digits or _',
    );
  }
  const webhookNetworks = env.ALLOT_WEBHOOK_NETWORKS ?? 'public';
  if (webhookNetworks !== 'public' && webhookNetworks !== 'any')
    throw new ConfigError(`ALLOT_WEBHOOK_NETWORKS must be public or any, got ${webhookNetworks}`);
  const publicUrl = env.ALLOT_PUBLIC_URL?.replace(/\/+$/, '') || undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(publicUrl))
    throw new ConfigError(
      `ALLOT_PUBLIC_URL must be an http(s) URL such as https://billing.example.com, got ${publicUrl}`,
    );
  const portalFrameAncestors = (env.ALLOT_PORTAL_FRAME_ANCESTORS ?? '').split(/[\s,]+/).filter(Boolean);
  for (const source of portalFrameAncestors) {
    if (!/^https?:\/\/[A-Za-z0-9.*-]+(:\d+)?$/.test(source))
      throw new ConfigError(
        `ALLOT_PORTAL_FRAME_ANCESTORS takes origins such as https://app.example.com, got ${source}`,
      );
  }
  const dbPoolSize = Number(env.ALLOT_DB_POOL_SIZE ?? 10);
  if (!Number.isInteger(dbPoolSize) || dbPoolSize < 1 || dbPoolSize > 1000)
    throw new ConfigError(
      `ALLOT_DB_POOL_SIZE is a number of connections, 1–1000, got ${env.ALLOT_DB_POOL_SIZE}`,
    );
  const logFormat = env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (logFormat !== 'pretty' && logFormat !== 'json')
    throw new ConfigError(`LOG_FORMAT is pretty or json, got ${env.LOG_FORMAT}`);
  const publishableRateLimit = Number(env.ALLOT_PUBLISHABLE_RATE_LIMIT ?? 300);
  if (!Number.isInteger(publishableRateLimit) || publishableRateLimit < 1)
    throw new ConfigError(
      `ALLOT_PUBLISHABLE_RATE_LIMIT is requests a minute, a whole number ≥ 1, got ${env.ALLOT_PUBLISHABLE_RATE_LIMIT}`,
    );
  const wholeNumber = (name: string, fallback: number) => {
    const n = Number(env[name] ?? fallback);
    if (!Number.isInteger(n) || n < 0)
      throw new ConfigError(`${name} is a whole number ≥ 0, got ${env[name]}`);
    return n;
  };
  const rateLimitStore = env.ALLOT_RATE_LIMIT_STORE ?? 'memory';
  if (rateLimitStore !== 'memory' && rateLimitStore !== 'postgres')
    throw new ConfigError(`ALLOT_RATE_LIMIT_STORE is memory or postgres, got ${rateLimitStore}`);
  if (rateLimitStore === 'postgres' && !env.DATABASE_URL)
    throw new ConfigError('ALLOT_RATE_LIMIT_STORE=postgres needs DATABASE_URL (PGlite is one process).');
  const pgliteSharedBuffers = env.ALLOT_PGLITE_SHARED_BUFFERS || '32MB';
  if (!/^[1-9]\d{0,5}(kB|MB|GB)$/.test(pgliteSharedBuffers))
    throw new ConfigError(
      `ALLOT_PGLITE_SHARED_BUFFERS is a size such as 32MB (kB, MB or GB), got ${pgliteSharedBuffers}`,
    );
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.ALLOT_MIGRATION_DATABASE_URL || undefined,
    dbPoolSize,
    dataDir: env.ALLOT_DATA_DIR ?? './data',
    pgliteSharedBuffers,
    pgliteTemplate: env.ALLOT_PGLITE_TEMPLATE || undefined,
    bootstrapKey,
    demo: env.ALLOT_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat,
    jobs: env.ALLOT_JOBS !== '0',
    smtpUrl: env.ALLOT_SMTP_URL || undefined,
    mailFrom: env.ALLOT_MAIL_FROM || 'Allot <no-reply@allot.localhost>',
    webhookNetworks,
    publicUrl,
    portalFrameAncestors,
    portalDir: env.ALLOT_PORTAL_DIR ?? join(packageRoot(), 'web', 'dist'),
    publishableRateLimit,
    rateLimit: wholeNumber('ALLOT_RATE_LIMIT', 60_000),
    portalRateLimit: wholeNumber('ALLOT_PORTAL_RATE_LIMIT', 600),
    authFailureLimit: wholeNumber('ALLOT_AUTH_FAILURE_LIMIT', 30),
    rateLimitStore,
    webhookTimeoutMs: Math.max(1, wholeNumber('ALLOT_WEBHOOK_TIMEOUT_MS', 5_000)),
  };
}

/**
 * The folder of Allot's package.json, found upwards from this module: the same answer from the
 * sources (src/platform/) and from the build (dist/allot.js).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'allot')
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('Allot: cannot find its package.json above its own files.');
    dir = up;
  }
}
