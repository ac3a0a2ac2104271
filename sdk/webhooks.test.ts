import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { Allot, AllotWebhookError, verifyWebhook, webhookInvalidator } from './index.ts';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const event = {
  id: 'evt_1',
  object: 'event',
  type: 'quota.warning',
  account: 'acct_1',
  created_at: '2026-04-01T08:00:00.000Z',
  data: { feature: 'tickets', threshold: 80 },
};

/** A delivery signed as the server signs it (the standardwebhooks package). */
function delivery(at = new Date(), payload = JSON.stringify(event)) {
  return {
    body: payload,
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(event.id, at, payload),
    } as Record<string, string>,
  };
}

describe('verifyWebhook', () => {
  it('accepts a delivery signed by the server, from a header object, Headers or raw bytes', async () => {
    const d = delivery();
    expect(await verifyWebhook({ secret, ...d })).toEqual(event);
    expect(await verifyWebhook({ secret, body: d.body, headers: new Headers(d.headers) })).toEqual(event);
    expect(
      await verifyWebhook({ secret, headers: d.headers, body: new TextEncoder().encode(d.body) }),
    ).toEqual(event);
    // A rotated secret: the header may carry several signatures.
    const two = { ...d.headers, 'webhook-signature': `v1,AAAA ${d.headers['webhook-signature']}` };
    expect(await verifyWebhook({ secret, body: d.body, headers: two })).toEqual(event);
  });

  it('refuses a changed body, another secret, an old timestamp and missing headers', async () => {
    const d = delivery();
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    await expect(verifyWebhook({ secret, headers: d.headers, body: `${d.body} ` })).rejects.toThrow(
      AllotWebhookError,
    );
    await expect(verifyWebhook({ secret: other, ...d })).rejects.toThrow('No webhook signature matches');
    const old = delivery(new Date(Date.now() - 10 * 60_000));
    await expect(verifyWebhook({ secret, ...old })).rejects.toThrow('timestamp');
    await expect(verifyWebhook({ secret, body: d.body, headers: {} })).rejects.toThrow('required');
  });

  it('feeds the invalidator', async () => {
    const allot = new Allot({
      baseUrl: 'http://allot.test',
      secretKey: 'sk',
      fetch: () => new Promise(() => {}),
    });
    const spy = vi.spyOn(allot.entitlements, 'invalidate');
    webhookInvalidator(allot)(await verifyWebhook({ secret, ...delivery() }));
    webhookInvalidator(allot)({ ...event, type: 'invoice.paid' });
    expect(spy.mock.calls).toEqual([['acct_1']]);
  });
});
