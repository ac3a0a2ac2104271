import { Agent, request } from 'node:http';

/**
 * A small closed-loop load generator: `concurrency` clients, each sending its next request when the
 * previous answer arrives, for `seconds`. Every target is measured with the same one, so their
 * ratio is fair even if the generator itself costs something.
 */
export async function load(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: (i: number) => string;
    concurrency: number;
    seconds: number;
  },
): Promise<{ perSecond: number; statuses: Record<number, number> }> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(url);
  const statuses: Record<number, number> = {};
  let n = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = options.body?.(i);
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: options.method ?? 'GET',
          headers: {
            ...options.headers,
            ...(body
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
              : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) await one(n++);
    }),
  );
  agent.destroy();
  return { perSecond: n / ((performance.now() - started) / 1000), statuses };
}
