import type { CheckAnswer, CheckInput, EntitlementAnswer, QuotaState } from './types.ts';

/**
 * The local entitlement snapshot: per account, the answer of `GET /v1/accounts/{id}/entitlements`,
 * kept as precomputed, frozen answers so that a check is two map lookups, a clock read and a
 * comparison — no allocation, no network.
 */

/** What we know of a limited feature's overage rule: `block` refuses past the limit, `open` counts on. */
type Overage = 'block' | 'open' | 'unknown';

interface Slot {
  readonly used: number;
  /** A check of q is allowed when used + q ≤ ceiling: the blocking limit, Infinity (always), -Infinity (never). */
  readonly ceiling: number;
  readonly yes: CheckAnswer;
  readonly no: CheckAnswer;
  readonly overage: Overage;
  /** The cache's sequence number when this slot was written, to tell it from an older fetch. */
  readonly seq: number;
}

export interface AccountSnapshot {
  /** The entitlements as the server listed them (before later consumes). */
  readonly entries: readonly EntitlementAnswer[];
  readonly slots: Map<string, Slot>;
  /** Answers for features the account does not have, made once each. */
  readonly missing: Map<string, CheckAnswer>;
  readonly fetchedAt: number;
  /** Date.now() past which the snapshot is stale; 0 once invalidated. */
  expiresAt: number;
}

interface Flight {
  promise: Promise<AccountSnapshot>;
}

export interface SnapshotSource {
  /** `GET /v1/accounts/{ref}/entitlements`. */
  list(account: string): Promise<EntitlementAnswer[]>;
  /** The account id of an external_id, to match webhook events (which name accounts by id). */
  accountId(account: string): Promise<string>;
}

const noop = () => {};
const MAX_MISSING = 256;

function stateOf(kind: string, limit: number | null, used: number, known: QuotaState): QuotaState {
  if (kind === 'boolean' || limit === null) return 'ok';
  if (used >= limit) return 'exhausted';
  return known === 'exhausted' ? 'warning' : known;
}

function overageOf(e: EntitlementAnswer, from: 'list' | 'usage', prior: Overage): Overage {
  if (e.limit === null || e.kind === 'boolean') return 'unknown';
  if (e.overage !== undefined) return e.overage === 'block' ? 'block' : 'open';
  // Only a non-blocking limit lets usage past it, or allows one more unit at the limit.
  if (e.used > e.limit) return 'open';
  if (from === 'list') {
    if (!e.allowed) return 'block';
    if (e.used + 1 > e.limit) return 'open';
  }
  return prior;
}

/** A slot from a server answer (a list entry, or what consume and release answer). */
export function slotOf(
  e: EntitlementAnswer,
  from: 'list' | 'usage',
  prior: Slot | undefined,
  seq: number,
): Slot {
  const overage = overageOf(e, from, prior?.overage ?? 'unknown');
  const boolean = e.kind === 'boolean';
  const limit = boolean ? null : e.limit;
  const base = {
    feature: e.feature,
    kind: e.kind,
    limit,
    used: e.used,
    remaining: limit === null ? null : Math.max(limit - e.used, 0),
    state: stateOf(e.kind, limit, e.used, e.state),
    enabled: e.enabled,
    period_start: e.period_start,
    period_end: e.period_end,
    overage: e.overage,
    warn_at: e.warn_at,
  };
  let ceiling: number;
  if (boolean) ceiling = e.enabled ? Infinity : -Infinity;
  // An unknown rule is taken as blocking: refusing locally what the server would bill is the safe side.
  else ceiling = limit === null || overage === 'open' ? Infinity : limit;
  return {
    used: boolean ? 0 : e.used,
    ceiling,
    yes: Object.freeze({ allowed: true, ...base }),
    no: Object.freeze({ allowed: false, ...base, reason: boolean ? 'disabled' : 'quota_exceeded' }),
    overage,
    seq,
  };
}

function notGranted(feature: string): CheckAnswer {
  return Object.freeze({
    allowed: false,
    feature,
    kind: 'unknown',
    limit: 0,
    used: 0,
    remaining: 0,
    state: 'exhausted' as const,
    enabled: false,
    period_start: null,
    period_end: null,
    overage: 'block' as const,
    warn_at: [],
    reason: 'not_in_plan',
  });
}

/** The answer to "may `feature` be used `quantity` more?" from a snapshot. */
export function answerFrom(snap: AccountSnapshot, feature: string, quantity: number): CheckAnswer {
  if (quantity !== 1 && !(Number.isInteger(quantity) && quantity >= 1)) {
    throw new RangeError(`quantity must be a whole number of at least 1, not ${quantity}.`);
  }
  const slot = snap.slots.get(feature);
  if (slot === undefined) {
    let answer = snap.missing.get(feature);
    if (answer === undefined) {
      answer = notGranted(feature);
      if (snap.missing.size < MAX_MISSING) snap.missing.set(feature, answer);
    }
    return answer;
  }
  return slot.used + quantity <= slot.ceiling ? slot.yes : slot.no;
}

/** Per-account snapshots, loaded once per account at a time, kept fresh by TTL, window ends and invalidation. */
export class SnapshotCache {
  private readonly snapshots = new Map<string, AccountSnapshot>();
  private readonly inflight = new Map<string, Flight>();
  /** external_id → account id, and account id → every reference a snapshot is kept under. */
  private readonly idByRef = new Map<string, string>();
  private readonly refsById = new Map<string, Set<string>>();
  private seq = 0;

  constructor(
    private readonly source: SnapshotSource,
    private readonly ttlMs: number,
    private readonly maxAccounts: number,
  ) {}

  /** The answer from a fresh snapshot, or undefined when there is none (never loaded, stale, invalidated). */
  checkSync(input: CheckInput): CheckAnswer | undefined {
    const snap = this.snapshots.get(input.account);
    if (snap === undefined || snap.expiresAt <= Date.now()) return undefined;
    return answerFrom(snap, input.feature, input.quantity ?? 1);
  }

  async check(input: CheckInput): Promise<CheckAnswer> {
    return (
      this.checkSync(input) ?? answerFrom(await this.load(input.account), input.feature, input.quantity ?? 1)
    );
  }

  /** Fetches the account's snapshot now (one request per account at a time) and keeps it. */
  load(account: string): Promise<AccountSnapshot> {
    const pending = this.inflight.get(account);
    if (pending) return pending.promise;
    const flight = {} as Flight;
    this.inflight.set(account, flight);
    flight.promise = this.fetchInto(account, flight);
    return flight.promise;
  }

  private async fetchInto(account: string, flight: Flight): Promise<AccountSnapshot> {
    const startSeq = this.seq;
    const fetchedAt = Date.now();
    try {
      const [entries] = await Promise.all([this.source.list(account), this.learnId(account)]);
      const snap = this.build(account, entries, startSeq, fetchedAt);
      // Invalidated meanwhile: this answer may predate the change, so it is not kept (a newer load is).
      if (this.inflight.get(account) === flight) this.install(account, snap);
      return snap;
    } finally {
      if (this.inflight.get(account) === flight) this.inflight.delete(account);
    }
  }

  private async learnId(account: string): Promise<void> {
    if (account.startsWith('acct_') || this.idByRef.has(account)) return;
    try {
      this.alias(account, await this.source.accountId(account));
    } catch {
      // Best effort: the entitlements request reports what is wrong with the account.
    }
  }

  private alias(ref: string, id: string) {
    if (ref === id) return;
    this.idByRef.set(ref, id);
    const refs = this.refsById.get(id);
    if (refs) refs.add(ref);
    else this.refsById.set(id, new Set([ref]));
  }

  private build(account: string, entries: EntitlementAnswer[], startSeq: number, fetchedAt: number) {
    const prior = this.snapshots.get(account);
    const slots = new Map<string, Slot>();
    let expiresAt = fetchedAt + this.ttlMs;
    for (const e of entries) {
      const before = prior?.slots.get(e.feature);
      // A consume answered after this list was read knows better.
      slots.set(e.feature, before && before.seq > startSeq ? before : slotOf(e, 'list', before, this.seq));
      if (e.period_end !== null) {
        // A quota's window ends: its usage resets, so the snapshot is stale from then on. (A window
        // already over by the wall clock is an account on a test clock: its time is not ours.)
        const end = Date.parse(e.period_end);
        if (end > fetchedAt && end < expiresAt) expiresAt = end;
      }
    }
    return { entries, slots, missing: new Map(), fetchedAt, expiresAt };
  }

  /** Keeps a snapshot built elsewhere (tests, benchmarks, an entitlement list received another way). */
  prime(account: string, entries: EntitlementAnswer[]): void {
    this.inflight.delete(account);
    this.install(account, this.build(account, entries, this.seq, Date.now()));
  }

  private install(account: string, snap: AccountSnapshot) {
    this.snapshots.delete(account);
    this.snapshots.set(account, snap);
    if (this.snapshots.size > this.maxAccounts) {
      // The least recently loaded goes: a Map iterates in insertion order.
      const oldest = this.snapshots.keys().next().value as string;
      this.snapshots.delete(oldest);
      const id = this.idByRef.get(oldest);
      if (id !== undefined) {
        this.idByRef.delete(oldest);
        this.refsById.get(id)?.delete(oldest);
        if (this.refsById.get(id)?.size === 0) this.refsById.delete(id);
      }
    }
  }

  /** The references an account's snapshots may be kept under: its id and its external_id. */
  private refsOf(account: string): string[] {
    const id = this.idByRef.get(account) ?? account;
    const refs = new Set([account, id]);
    for (const r of this.refsById.get(id) ?? []) refs.add(r);
    return [...refs];
  }

  /**
   * Marks the account's snapshot stale and loads it again at once (every account's, lazily, without
   * one). The promise settles when the new snapshot is in; a failed load is left for the next check.
   */
  invalidate(account?: string): Promise<void> {
    if (account === undefined) {
      for (const snap of this.snapshots.values()) snap.expiresAt = 0;
      this.inflight.clear();
      return Promise.resolve();
    }
    const loads: Promise<unknown>[] = [];
    for (const ref of this.refsOf(account)) {
      const known = this.snapshots.get(ref);
      const loading = this.inflight.delete(ref);
      if (known) known.expiresAt = 0;
      if (known || loading) loads.push(this.load(ref).then(noop, noop));
    }
    return Promise.all(loads).then(noop);
  }

  /** Marks the account's snapshot stale without loading it: the next check does. */
  expire(account: string): void {
    for (const ref of this.refsOf(account)) {
      this.inflight.delete(ref);
      const snap = this.snapshots.get(ref);
      if (snap) snap.expiresAt = 0;
    }
  }

  /** A consume or release answer: the server's count is the truth from now on. */
  applyUsage(account: string, answer: EntitlementAnswer): void {
    const seq = ++this.seq;
    for (const ref of this.refsOf(account)) {
      const snap = this.snapshots.get(ref);
      if (!snap) continue;
      snap.slots.set(answer.feature, slotOf(answer, 'usage', snap.slots.get(answer.feature), seq));
      snap.missing.delete(answer.feature);
    }
  }

  /** A quota_exceeded refusal: the limit blocks, and the usage is what the server said. */
  applyExceeded(account: string, feature: string, limit: number | null, used: number): void {
    const seq = ++this.seq;
    for (const ref of this.refsOf(account)) {
      const snap = this.snapshots.get(ref);
      const prior = snap?.slots.get(feature);
      if (!snap || !prior) continue;
      const e: EntitlementAnswer = { ...prior.yes, limit, used, overage: 'block' };
      snap.slots.set(feature, slotOf(e, 'usage', prior, seq));
    }
  }

  /** How many accounts have a snapshot (fresh or not). */
  get size(): number {
    return this.snapshots.size;
  }
}
