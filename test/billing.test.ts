import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAllot } from '../src/app.ts';
import { runBilling } from '../src/billing/billing-job.ts';
import { type Clock, Temporal } from '../src/platform/clock/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { BOOTSTRAP_KEY, startAllot, type TestAllot } from './helpers/allot.ts';
import { account, invoicesOf, seedCatalog, subscribe } from './helpers/scenario.ts';

/** A wall clock the test moves: these accounts have no test clock, so billing follows this one. */
let wallNow = Temporal.Instant.from('2026-01-15T10:00:00Z');
const wall: Clock = { now: () => wallNow };

let t: TestAllot;
let tenantId: string;
beforeAll(async () => {
  t = await startAllot({ clock: wall });
  await seedCatalog(t);
  tenantId = (await t.api('GET', '/v1/tenant')).body.id;
});
afterAll(async () => {
  await t?.close();
});

describe('the billing job', () => {
  it('runs by itself from the durable queue and renews what fell due on the wall clock', async () => {
    const acct = await account(t, null, { timezone: 'UTC' });
    await subscribe(t, { account: acct, plan: 'premium' });
    expect(await t.allot.jobs.runDue()).toBeGreaterThan(0);
    expect(await invoicesOf(t, acct)).toHaveLength(1);
    wallNow = Temporal.Instant.from('2026-02-15T00:30:00Z');
    await t.allot.jobs.runDue();
    const invoices = await invoicesOf(t, acct);
    expect(invoices.map((i) => i.period_start)).toEqual(['2026-01-15', '2026-02-15']);
    const job = await t.allot.ctx.db.kysely
      .selectFrom('jobs')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ kind: 'billing', attempts: 0, locked_until: null });
    expect(job.run_at.getTime()).toBe(wallNow.epochMilliseconds + 60_000);
    // Not due again yet: nothing runs.
    expect(await t.allot.jobs.runDue()).toBe(0);
  });

  it('never bills a period twice when two runs go at once', async () => {
    const accts: string[] = [];
    for (let i = 0; i < 30; i++) {
      const a = await account(t, null, { timezone: 'UTC' });
      await subscribe(t, { account: a, plan: i % 2 ? 'premium' : 'professional' });
      accts.push(a);
    }
    wallNow = Temporal.Instant.from('2026-03-15T01:00:00Z');
    const second = t.database.kind === 'postgres' ? await secondProcess() : null;
    try {
      const runs = await Promise.all([
        runBilling(t.allot.ctx, tenantId),
        second ? runBilling(second.ctx, tenantId) : runBilling(t.allot.ctx, tenantId),
        t.api('POST', '/v1/billing/run'),
      ]);
      expect(runs[2].status).toBe(200);
    } finally {
      await second?.close();
    }
    for (const a of accts) {
      const periods = (await invoicesOf(t, a)).map((i) => i.period_start);
      expect(periods).toEqual(['2026-02-15', '2026-03-15']);
    }
    const lines = await t.allot.ctx.db.kysely.selectFrom('invoice_lines').select('line_key').execute();
    expect(new Set(lines.map((l) => l.line_key)).size).toBe(lines.length);
  });
});

/** Another Allot process's view: its own pool on the same PostgreSQL database. */
async function secondProcess() {
  const config = loadConfig({
    ...t.database.env,
    ALLOT_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
    ALLOT_DEMO: '0',
    ALLOT_JOBS: '0',
    LOG_LEVEL: 'silent',
  });
  const other = await createAllot(config, { log: pino({ level: 'silent' }), clock: wall });
  return other;
}

describe('invoices', () => {
  it('records payment, voids an open and a paid invoice with credit notes, and refuses to void twice', async () => {
    const acct = await account(t, null, { timezone: 'UTC' });
    await subscribe(t, { account: acct, plan: 'premium' });
    await subscribe(t, { account: acct, plan: 'professional' });
    const [first, second] = await invoicesOf(t, acct);
    expect(first.status).toBe('open');
    const paid = await t.api('POST', `/v1/invoices/${first.id}/pay`);
    expect(paid.body).toMatchObject({ status: 'paid' });
    expect(paid.body.paid_at).toBe(wallNow.toString({ smallestUnit: 'millisecond' }));
    const voided = await t.api('POST', `/v1/invoices/${second.id}/void`);
    expect(voided.body.status).toBe('void');
    expect((await t.api('POST', `/v1/invoices/${second.id}/pay`)).status).toBe(409);
    expect((await t.api('POST', `/v1/invoices/${second.id}/void`)).body.code).toBe('invalid_state');
    // A paid invoice is voided by a credit note too: what was paid becomes the account's credit.
    const voidPaid = await t.api('POST', `/v1/invoices/${first.id}/void`);
    expect(voidPaid.status, JSON.stringify(voidPaid.body)).toBe(200);
    expect(voidPaid.body.credit_notes).toEqual([
      { id: expect.stringMatching(/^cn_/), number: expect.stringMatching(/^CN-\d{6}$/), total: first.total },
    ]);
    expect((await t.api('GET', `/v1/accounts/${acct}`)).body.credit_balance).toBe(first.total);
    const types = (await t.api('GET', `/v1/events?account=${acct}`)).body.data.map(
      (e: { type: string }) => e.type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'invoice.issued',
        'invoice.paid',
        'invoice.voided',
        'credit_note.issued',
        'subscription.created',
      ]),
    );
  });

  it('renders a real PDF with the vendor, the account, the lines and the totals', async () => {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const acct = await account(t, null, { timezone: 'UTC', name: 'Brasserie Lumière', locale: 'fr' });
    await subscribe(t, { account: acct, plan: 'premium', addons: [{ addon: 'support' }] });
    const [invoice] = await invoicesOf(t, acct);
    const res = await fetch(`${t.url}/v1/invoices/${invoice.id}/pdf`, {
      headers: { authorization: `Bearer ${t.key}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    for (const expected of [
      'Default',
      'Brasserie Lumière',
      invoice.number,
      // A French account's lines are worded in French.
      'Premium (mensuel)',
      '1 × Support pack',
      'Facture',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('64,00 EUR');
  });
});
