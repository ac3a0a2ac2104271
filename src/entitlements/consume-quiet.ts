import { type Kysely, sql } from 'kysely';
import { quietStretch } from '../domain/entitlements.ts';
import { toDate } from '../platform/clock/clock.ts';
import type { Database } from '../platform/db/schema.ts';
import { compareCounters, counterKey, counterName, counterOf, counterOfRow, usageHint } from './counters.ts';
import { answerFor, type PreparedUsage, type UsageAnswer } from './usage.ts';

interface Group {
  first: PreparedUsage;
  members: number[];
  total: number;
  hint: number;
  lo: number;
  hi: number;
}

/**
 * Group commit's one-statement path: the consumes of a batch that carry no idempotency key and, by
 * this process's last reading of their counter, stay inside its quiet stretch (no warning threshold,
 * not the limit) are counted by a single statement, committed on its own. In the database it adds
 * each counter's total only where the counter still stands inside that stretch (or opens it with the
 * total, when it does not exist yet and the stretch starts at zero) and the account's live
 * subscriptions are still those the requests were decided on; there is no event to write by
 * construction. A counter the statement leaves alone (another process moved it, terms
 * changed) goes to the locked path with the rest. Returns the answers of the consumes it counted.
 */
export async function countQuietly(
  db: Kysely<Database>,
  tenantId: string,
  batch: readonly PreparedUsage[],
): Promise<Map<number, UsageAnswer>> {
  const groups = new Map<string, Group>();
  const mixed = new Set<string>();
  for (const [i, p] of batch.entries()) {
    if (p.key) continue;
    const name = counterKey(p.snapshot.accountId, p.grant);
    const g = groups.get(name);
    if (g) {
      if (g.first.snapshot.fingerprint !== p.snapshot.fingerprint) mixed.add(name);
      g.members.push(i);
      g.total += p.quantity;
      continue;
    }
    // No reading yet: the counter is most likely new (a new account, a new period).
    const hint = usageHint(tenantId, name) ?? 0;
    if (hint === undefined) continue;
    const { lo, hi } = quietStretch(p.grant, hint);
    groups.set(name, { first: p, members: [i], total: p.quantity, hint, lo, hi });
  }
  // In one order (C collation, as the locked path locks): two statements never wait on each other in a cycle.
  const list = [...groups.entries()]
    .filter(([name, g]) => !mixed.has(name) && g.hint + g.total < g.hi)
    .map(([, g]) => g)
    .sort((x, y) =>
      compareCounters(
        counterOf(x.first.snapshot.accountId, x.first.grant),
        counterOf(y.first.snapshot.accountId, y.first.grant),
      ),
    );
  const answers = new Map<number, UsageAnswer>();
  if (list.length === 0) return answers;

  // `added` counts on counters that exist, `opened` opens those that do not; a counter another
  // transaction opens meanwhile is in neither, and goes to the locked path.
  // `locked` takes the counters' row locks in one order before `added` counts on them (when there are
  // several); `opened` opens
  // the counters that do not exist yet — but never a month's counter inside a longer period, whose
  // opening announces the month's reset (the locked path does that). A counter another transaction
  // opens meanwhile is in neither, and goes to the locked path.
  // One counter waits for at most one lock and holds no other: only several need taking in order (and
  // the ordered lock costs a hot account a third of its throughput, measured).
  const inOrder =
    list.length > 1
      ? sql`join locked l on l.account_id = v.a and l.feature = v.f and l.window_start = v.ws`
      : sql``;
  const { rows } = await sql<{ account_id: string; feature: string; window_start: Date; used: string }>`
    with v as (
      select * from unnest(${list.map((g) => g.first.snapshot.accountId)}::text[], ${list.map((g) => g.first.grant.feature)}::text[],
                           ${list.map((g) => toDate(g.first.grant.window.start))}::timestamptz[],
                           ${list.map((g) => (g.first.grant.window.end ? toDate(g.first.grant.window.end) : null))}::timestamptz[],
                           ${list.map((g) => g.total)}::bigint[], ${list.map((g) => g.lo)}::bigint[], ${list.map((g) => g.hi)}::bigint[],
                           ${list.map((g) => g.first.snapshot.fingerprint)}::text[],
                           ${list.map((g) => g.first.grant.reset !== 'month')}::boolean[]) as v(a, f, ws, we, total, lo, hi, fp, opens)
      where v.fp = (
        select coalesce(string_agg(s.id || '@' || s.xmin::text, ',' order by s.id), '')
        from subscriptions s
        where s.tenant_id = ${tenantId} and s.account_id = v.a and s.status in ('active', 'trialing'))
    ),
    locked as materialized (
      select c.account_id, c.feature, c.window_start from usage_counters c
      join v on c.account_id = v.a and c.feature = v.f and c.window_start = v.ws
      where c.tenant_id = ${tenantId}
      order by c.account_id collate "C", c.feature collate "C", c.window_start
      for update of c
    ),
    added as (
      update usage_counters as c set used = c.used + v.total
      from v ${inOrder}
      where c.tenant_id = ${tenantId} and c.account_id = v.a and c.feature = v.f and c.window_start = v.ws
        and c.used >= v.lo and c.used + v.total < v.hi
      returning c.account_id, c.feature, c.window_start, c.used
    ),
    opened as (
      insert into usage_counters (tenant_id, account_id, feature, window_start, window_end, used)
      select ${tenantId}, v.a, v.f, v.ws, v.we, v.total from v
      where v.opens and v.lo = 0 and v.total < v.hi
      order by v.a collate "C", v.f collate "C", v.ws
      on conflict do nothing
      returning account_id, feature, window_start, used
    )
    select * from added union all select * from opened`.execute(db);

  for (const r of rows) {
    const g = groups.get(counterName(counterOfRow(r)))!;
    // The statement added the group's total: its consumes counted in arrival order up to it.
    let used = Number(r.used) - g.total;
    for (const i of g.members) {
      const p = batch[i]!;
      used += p.quantity;
      answers.set(i, answerFor(p.grant, used, true));
    }
  }
  return answers;
}
