import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

/**
 * The load generator's own thread, so it does not share the server's event loop: autocannon (the
 * load generator Fastify measures itself with) with `concurrency` connections, each sending its next
 * request when the previous answer arrives, for `seconds`.
 */
const { url, method, headers, body, concurrency, seconds } = workerData;
let batch = 0;

/** The body of the next request, from a description that can cross threads. */
function bodyOf() {
  if (body.fixed !== undefined) return body.fixed;
  if (body.spread) {
    const { accounts, feature } = body.spread;
    return JSON.stringify({ account: accounts[Math.floor(Math.random() * accounts.length)], feature });
  }
  if (body.events) {
    const { account, feature, size } = body.events;
    const b = batch++;
    return JSON.stringify({
      events: Array.from({ length: size }, (_, j) => ({ id: `e${b}-${j}`, account, feature, quantity: 1 })),
    });
  }
  throw new Error('unknown body description');
}

const fixed = body?.fixed !== undefined;
const result = await autocannon({
  url,
  method,
  connections: concurrency,
  duration: seconds,
  headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
  ...(fixed ? { body: body.fixed } : {}),
  ...(body && !fixed ? { requests: [{ method, setupRequest: (req) => ({ ...req, body: bodyOf() }) }] } : {}),
});
const statuses = Object.fromEntries(
  Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
);
parentPort.postMessage({
  perSecond: result.totalCompletedRequests / result.duration,
  statuses,
  errors: result.errors,
});
