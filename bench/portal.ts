import { benchServer, type Row } from './entitlements.ts';
import { load } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/**
 * What a portal session costs per request beside a secret key: the same read (an account's
 * entitlements, what the overview's meters load) with the cookie — a session looked up by its hash
 * with its user, on every request — and with the key, whose answer is cached in the process.
 */
export async function benchPortal(databaseUrl: string | undefined): Promise<Row[]> {
  const s = await benchServer(databaseUrl);
  try {
    const user = (
      await s.api('POST', `/v1/accounts/${s.acct}/users`, {
        email: 'o@bench.example.com',
        name: 'O',
        roles: ['owner'],
      })
    ).id;
    const link = (await s.api('POST', '/v1/portal_sessions', { account: s.acct, user })).url as string;
    const started = await fetch(link, { redirect: 'manual' });
    const cookie = started.headers.get('set-cookie')!.split(';')[0]!;
    const path = `${s.url}/v1/accounts/${s.acct}/entitlements`;
    const withKey = await load(path, { headers: s.headers, concurrency: 32, seconds: SECONDS });
    const withCookie = await load(path, { headers: { cookie }, concurrency: 32, seconds: SECONDS });
    for (const [name, r] of [
      ['key', withKey],
      ['cookie', withCookie],
    ] as const) {
      if (Object.keys(r.statuses).some((status) => status !== '200'))
        throw new Error(`${name}: ${JSON.stringify(r.statuses)}`);
    }
    return [
      {
        benchmark: 'an account’s entitlements with a portal session’s cookie, 32 clients',
        database: s.db.kind,
        measured: `${Math.round(withCookie.perSecond).toLocaleString('en')}/s`,
        baseline: `the same with a secret key: ${Math.round(withKey.perSecond).toLocaleString('en')}/s`,
        ratio: `${(withCookie.perSecond / withKey.perSecond).toFixed(2)}×`,
      },
    ];
  } finally {
    await s.close();
  }
}
