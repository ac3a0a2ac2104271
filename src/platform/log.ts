/**
 * The process's logger: pino, as JSON lines for a log collector, or — in a terminal, or with
 * `LOG_FORMAT=pretty` — as readable lines (pino-pretty, in this thread: no worker to lose lines to
 * at exit). Both write synchronously (at info, Allot logs little: request lines are debug's), so
 * lines keep their order with what the CLI prints. Authorization headers never reach a log line.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.ts';

export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  const options = { level: config.logLevel, redact: ['req.headers.authorization'] };
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
