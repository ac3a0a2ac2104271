/** How commands print: tables for lists, and progress on stderr — a bar in a terminal, lines otherwise. */
import cliProgress from 'cli-progress';

/** Columns padded to their widest cell, a header line first; empty cells for null. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return `${cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** `2026-01-31T09:00:00Z` → `2026-01-31 09:00` (UTC). */
export function shortTime(rfc3339: string | null): string {
  if (!rfc3339) return '';
  return new Date(rfc3339).toISOString().slice(0, 16).replace('T', ' ');
}

export interface Progress {
  /** `done` of the total, with what is being done now. */
  update(done: number, label: string): void;
  stop(): void;
}

/**
 * Progress on stderr, so that stdout keeps only the answer: a bar (cli-progress) in a terminal, one
 * plain line per step otherwise (a log, CI). `total` 0: a task of unknown length, shown as a bar that
 * fills when it ends, with the time it has taken.
 */
export function progress(
  title: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: total
          ? `${title} [{bar}] {value}/{total} {label} {duration_formatted}`
          : `${title} [{bar}] {duration_formatted}`,
        stream,
        hideCursor: true,
        clearOnComplete: false,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total || 1, 0, { label: '' });
    return {
      update: (done, label) => bar.update(total ? done : 0, { label }),
      stop: () => {
        bar.update(total || 1);
        bar.stop();
      },
    };
  }
  if (!total) stream.write(`${title}…\n`);
  return {
    update: (done, label) => {
      stream.write(`${title}: ${label}${total ? ` (${done}/${total})` : ''}\n`);
    },
    stop: () => {},
  };
}
