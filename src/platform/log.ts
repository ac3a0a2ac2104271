/**
 * The process's logger: pino, as JSON lines for a log collector, or — in a terminal, or with
 * `LOG_FORMAT=pretty` — as readable lines (pino-pretty, in this thread: no worker to lose lines to
 * at exit). Both write synchronously (at info, Allot logs little: request lines are debug's), so
 * lines keep their order with what the CLI prints. Authorization headers never reach a log line, and
 * neither does request data through an error (safeError).
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.ts';

/** What an error's log line keeps of a database error: what and where, never the data. */
const DATABASE_FIELDS = [
  'code',
  'severity',
  'routine',
  'constraint',
  'table',
  'column',
  'dataType',
  'schema',
];

/**
 * Errors as log lines carry no request data: a database error (it has a SQLSTATE `code` and a
 * `severity`) loses its statement, bound parameters, detail (`Key (email)=(…)`) and `where`, and its
 * message what follows the first colon (`invalid input syntax for type integer: "…"`). Other errors
 * keep pino's standard shape.
 */
export function safeError(error: unknown): Record<string, unknown> {
  const e = error as Record<string, unknown> & Error;
  const isDatabase = e && typeof e.code === 'string' && typeof e.severity === 'string';
  if (!isDatabase) return pino.stdSerializers.err(e as Error) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: e.constructor?.name ?? 'Error',
    message: String(e.message ?? '').replace(/:\s[\s\S]*$/, ': …'),
    stack: typeof e.stack === 'string' ? e.stack.split('\n').slice(1).join('\n') : undefined,
  };
  for (const k of DATABASE_FIELDS) if (e[k] !== undefined) out[k] = e[k];
  return out;
}

/** The logger's options, whatever it writes to. */
export const loggerOptions = (config: Pick<Config, 'logLevel'>) => ({
  level: config.logLevel,
  redact: ['req.headers.authorization'],
  serializers: { err: safeError, error: safeError },
});

export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  const options = loggerOptions(config);
  // Written synchronously, so a line logged before something printed is read before it too.
  if (config.logFormat === 'json') return pino(options, pino.destination({ dest: 1, sync: true }));
  return pino(
    options,
    pretty({
      colorize: Boolean(process.stdout.isTTY),
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname',
      singleLine: true,
    }),
  );
}
