import { Worker } from 'node:worker_threads';

/** A request body the load generator builds for each request (it crosses a thread boundary). */
export type BodySpec =
  | { fixed: string }
  | { spread: { accounts: string[]; feature: string } }
  | { events: { account: string; feature: string; size: number } };

/**
 * A closed-loop load generator in its own thread (so it does not share the server's event loop):
 * `concurrency` clients, each sending its next request when the previous answer arrives, for
 * `seconds`. Every target is measured with the same one, so their ratio is fair.
 */
export function load(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: BodySpec;
    concurrency: number;
    seconds: number;
  },
): Promise<{ perSecond: number; statuses: Record<number, number> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { url, method: options.method ?? 'GET', headers: options.headers ?? {}, ...options },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}
