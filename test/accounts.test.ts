import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllot, type TestAllot } from './helpers/allot.ts';

let t: TestAllot;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await startAllot();
});
afterAll(async () => {
  await t?.close();
});

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();
const as = (user: string) => ({ headers: { 'allot-acting-user': user } });

describe('the account tree', () => {
  it('builds partner → customer → site, children inheriting their parent’s settings', async () => {
    const partner = await t.api('POST', '/v1/accounts', {
      name: 'Telecom Partner SAS',
      kind: 'partner',
      external_id: 'partner-1',
      currency: 'EUR',
      timezone: 'Europe/Paris',
      locale: 'fr',
    });
    expect(partner.status, JSON.stringify(partner.body)).toBe(201);
    ids.partner = partner.body.id;
    const customer = await t.api('POST', '/v1/accounts', {
      name: 'Brasserie Lumière',
      parent_id: 'partner-1',
      bill_to_parent: true,
      billing_period: 'year',
      billing_basis: [
        { from: '2022-08-01', basis: 'used' },
        { from: '2022-11-01', basis: 'allocated' },
      ],
    });
    expect(customer.status, JSON.stringify(customer.body)).toBe(201);
    expect(customer.body).toMatchObject({
      kind: 'customer',
      currency: 'EUR',
      timezone: 'Europe/Paris',
      locale: 'fr',
      parent_id: ids.partner,
    });
    ids.customer = customer.body.id;
    const site = await t.api('POST', '/v1/accounts', { name: 'Lumière — Lyon', parent_id: ids.customer });
    expect(site.body.kind).toBe('site');
    ids.site = site.body.id;
    const other = await t.api('POST', '/v1/accounts', {
      name: 'Other GmbH',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
      locale: 'de',
    });
    ids.other = other.body.id;
    const children = await t.api('GET', `/v1/accounts?parent_id=${ids.partner}`);
    expect(children.body.data.map((a: { id: string }) => a.id)).toEqual([ids.customer]);
  });

  it('refuses bad settings, naming each field, and saves nothing', async () => {
    const before = (await t.api('GET', '/v1/accounts?limit=100')).body.data.length;
    const res = await t.api('POST', '/v1/accounts', {
      name: 'Bad',
      kind: 'site',
      parent_id: ids.partner,
      currency: 'EURO',
      timezone: 'Mars/Olympus',
      locale: 'es',
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['currency', 'locale']);
    const deeper = await t.api('POST', '/v1/accounts', {
      name: 'Bad',
      kind: 'site',
      parent_id: ids.partner,
      timezone: 'Mars/Olympus',
      currency: 'XYZ',
    });
    expect(fieldsOf(deeper.body)).toEqual(['currency', 'parent_id', 'timezone']);
    const orphan = await t.api('POST', '/v1/accounts', { name: 'Orphan', bill_to_parent: true });
    expect(fieldsOf(orphan.body)).toEqual(['bill_to_parent']);
    const partnerUnder = await t.api('POST', '/v1/accounts', {
      name: 'Sub-partner',
      kind: 'partner',
      parent_id: ids.partner,
    });
    expect(fieldsOf(partnerUnder.body)).toEqual(['parent_id']);
    const ghost = await t.api('POST', '/v1/accounts', { name: 'Ghost child', parent_id: 'acct_nothing' });
    expect(fieldsOf(ghost.body)).toEqual(['parent_id']);
    const basis = await t.api('POST', '/v1/accounts', {
      name: 'Basis',
      billing_basis: [
        { from: '2023-01-01', basis: 'used' },
        { from: '2022-01-01', basis: 'allocated' },
      ],
    });
    expect(fieldsOf(basis.body)).toEqual(['billing_basis']);
    const currencyMismatch = await t.api('POST', '/v1/accounts', {
      name: 'USD child',
      parent_id: ids.partner,
      currency: 'USD',
      bill_to_parent: true,
    });
    expect(fieldsOf(currencyMismatch.body)).toEqual(['currency']);
    expect((await t.api('GET', '/v1/accounts?limit=100')).body.data.length).toBe(before);
  });

  it('refuses a parent that would make a cycle or break the kinds', async () => {
    const self = await t.api('PATCH', `/v1/accounts/${ids.customer}`, { parent_id: ids.customer });
    expect(self.status).toBe(400);
    expect(fieldsOf(self.body)).toContain('parent_id');
    const underSite = await t.api('PATCH', `/v1/accounts/${ids.customer}`, { parent_id: ids.site });
    expect(fieldsOf(underSite.body)).toContain('parent_id');
    expect((await t.api('GET', `/v1/accounts/${ids.customer}`)).body.parent_id).toBe(ids.partner);
  });

  it('changes settings and records before and after', async () => {
    const res = await t.api('PATCH', `/v1/accounts/${ids.other}`, {
      timezone: 'America/Los_Angeles',
      tax_rate_bps: 1900,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timezone: 'America/Los_Angeles', tax_rate_bps: 1900 });
    const history = await t.api('GET', `/v1/accounts/${ids.other}/history`);
    expect(history.body.data[0]).toMatchObject({
      action: 'account.updated',
      actor: { type: 'key' },
      subject: { type: 'account', id: ids.other },
      before: { timezone: 'Europe/Berlin', tax_rate_bps: 0 },
      after: { timezone: 'America/Los_Angeles', tax_rate_bps: 1900 },
    });
    const badTz = await t.api('PATCH', `/v1/accounts/${ids.other}`, { timezone: 'Not/AZone' });
    expect(fieldsOf(badTz.body)).toEqual(['timezone']);
  });

  it('binds an account tree to one test clock', async () => {
    const clock = await t.api('POST', '/v1/test_clocks', { frozen_time: '2026-01-31T10:00:00Z' });
    const root = await t.api('POST', '/v1/accounts', { name: 'Clocked', test_clock: clock.body.id });
    expect(root.body.test_clock).toBe(clock.body.id);
    const child = await t.api('POST', '/v1/accounts', { name: 'Clocked site', parent_id: root.body.id });
    expect(child.body).toMatchObject({ kind: 'site', test_clock: clock.body.id });
    const otherClock = await t.api('POST', '/v1/test_clocks', { frozen_time: '2026-01-31T10:00:00Z' });
    const split = await t.api('POST', '/v1/accounts', {
      name: 'Split',
      parent_id: root.body.id,
      test_clock: otherClock.body.id,
    });
    expect(fieldsOf(split.body)).toEqual(['test_clock']);
    const moveRoot = await t.api('PATCH', `/v1/accounts/${root.body.id}`, { test_clock: null });
    expect(fieldsOf(moveRoot.body)).toEqual(['test_clock']);
    const missing = await t.api('POST', '/v1/accounts', { name: 'Bad clock', test_clock: 'clock_missing' });
    expect(missing.status).toBe(404);
  });
});

describe('users and roles', () => {
  it('adds users with roles and refuses a second user with the same e-mail', async () => {
    const mk = async (account: string, body: Record<string, unknown>) => {
      const res = await t.api('POST', `/v1/accounts/${account}/users`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    ids.partnerManager = await mk(ids.partner!, {
      email: 'nadia@partner.example.fr',
      name: 'Nadia Benali',
      roles: ['subscription_manager'],
      external_id: 'nadia',
    });
    ids.partnerOwner = await mk(ids.partner!, {
      email: 'olivier@partner.example.fr',
      name: 'Olivier Roux',
      roles: ['owner'],
    });
    ids.member = await mk(ids.customer!, { email: 'lea@lumiere.example.fr', name: 'Léa Martin' });
    ids.otherMember = await mk(ids.other!, { email: 'jonas@other.example.de', name: 'Jonas Weber' });
    const dup = await t.api('POST', `/v1/accounts/${ids.customer}/users`, {
      email: 'LEA@lumiere.example.fr',
      name: 'Again',
    });
    expect(dup.status).toBe(400);
    expect(fieldsOf(dup.body)).toEqual(['email']);
    const bad = await t.api('POST', `/v1/accounts/${ids.customer}/users`, {
      email: 'not-an-email',
      name: '',
      roles: ['admin'],
    });
    expect(fieldsOf(bad.body)).toEqual(['email', 'name', 'roles[0]']);
  });

  it('lets a partner’s subscription manager act on the accounts below, by id or external_id', async () => {
    const res = await t.api(
      'POST',
      `/v1/accounts/${ids.site}/users`,
      { email: 'paul@lumiere.example.fr', name: 'Paul Girard' },
      as('nadia'),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const history = await t.api('GET', `/v1/accounts/${ids.site}/history`);
    expect(history.body.data[0]).toMatchObject({
      action: 'user.created',
      actor: { type: 'user', id: ids.partnerManager, account_id: ids.partner },
    });
    const createSite = await t.api(
      'POST',
      '/v1/accounts',
      { name: 'Lumière — Paris', parent_id: ids.customer },
      as(ids.partnerManager!),
    );
    expect(createSite.status).toBe(201);
  });

  it('refuses what a member may not do with 403 forbidden', async () => {
    const patch = await t.api('PATCH', `/v1/accounts/${ids.customer}`, { name: 'Renamed' }, as(ids.member!));
    expect(patch.status).toBe(403);
    expect(patch.body.code).toBe('forbidden');
    const grant = await t.api(
      'POST',
      `/v1/accounts/${ids.customer}/users`,
      { email: 'x@lumiere.example.fr', name: 'X', roles: ['subscription_manager'] },
      as(ids.member!),
    );
    expect(grant.status).toBe(403);
    const escalate = await t.api(
      'PATCH',
      `/v1/accounts/${ids.customer}/users/${ids.member}`,
      { roles: ['owner'] },
      as(ids.member!),
    );
    expect(escalate.status).toBe(403);
    const up = await t.api(
      'POST',
      `/v1/accounts/${ids.partner}/users`,
      { email: 'y@lumiere.example.fr', name: 'Y' },
      as(ids.member!),
    );
    expect(up.status).toBe(403);
    const catalog = await t.api(
      'POST',
      '/v1/features',
      { key: 'hack', name: 'Hack', kind: 'boolean' },
      as(ids.member!),
    );
    expect(catalog.status).toBe(403);
    expect((await t.api('GET', `/v1/accounts/${ids.customer}`)).body.name).toBe('Brasserie Lumière');
  });

  it('allows a member to add a plain user, and an owner to grant roles', async () => {
    const add = await t.api(
      'POST',
      `/v1/accounts/${ids.customer}/users`,
      { email: 'hugo@lumiere.example.fr', name: 'Hugo Petit' },
      as(ids.member!),
    );
    expect(add.status).toBe(201);
    const grant = await t.api(
      'PATCH',
      `/v1/accounts/${ids.customer}/users/${add.body.id}`,
      { roles: ['subscription_manager'] },
      as(ids.partnerOwner!),
    );
    expect(grant.status).toBe(200);
    expect(grant.body.roles).toEqual(['subscription_manager']);
  });

  it('keeps users out of accounts that are not theirs', async () => {
    const read = await t.api('GET', `/v1/accounts/${ids.customer}`, undefined, as(ids.otherMember!));
    expect(read.status).toBe(403);
    const list = await t.api('GET', '/v1/accounts?limit=100', undefined, as(ids.member!));
    const visible = list.body.data.map((a: { id: string }) => a.id);
    expect(visible).toContain(ids.customer);
    expect(visible).toContain(ids.site);
    expect(visible).not.toContain(ids.partner);
    expect(visible).not.toContain(ids.other);
    const unknown = await t.api('GET', `/v1/accounts/${ids.customer}`, undefined, as('nobody'));
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['Allot-Acting-User']);
  });

  it('deactivates, reactivates and removes users, each in the account history', async () => {
    const off = await t.api('PATCH', `/v1/accounts/${ids.customer}/users/${ids.member}`, {
      status: 'deactivated',
    });
    expect(off.body.status).toBe('deactivated');
    const cannotAct = await t.api('GET', `/v1/accounts/${ids.customer}`, undefined, as(ids.member!));
    expect(cannotAct.status).toBe(403);
    await t.api('PATCH', `/v1/accounts/${ids.customer}/users/${ids.member}`, { status: 'active' });
    const gone = await t.api('DELETE', `/v1/accounts/${ids.customer}/users/${ids.member}`);
    expect(gone.status).toBe(200);
    expect((await t.api('GET', `/v1/accounts/${ids.customer}/users/${ids.member}`)).status).toBe(404);
    const history = await t.api('GET', `/v1/accounts/${ids.customer}/history?limit=100`);
    const actions = history.body.data.map((h: { action: string }) => h.action);
    expect(actions.slice(0, 3)).toEqual(['user.deleted', 'user.reactivated', 'user.deactivated']);
    expect(actions).toContain('account.created');
    expect(actions).toContain('user.created');
    const page = await t.api('GET', `/v1/accounts/${ids.customer}/history?limit=2`);
    expect(page.body.has_more).toBe(true);
    const next = await t.api(
      'GET',
      `/v1/accounts/${ids.customer}/history?limit=2&starting_after=${page.body.data[1].id}`,
    );
    expect(next.body.data[0].action).toBe(actions[2]);
  });
});

describe('accounts a customer’s user creates (S10)', () => {
  it('lets a partner’s subscription manager create a customer with its billing cycle, billed as the others are', async () => {
    const partner = await t.api('POST', '/v1/accounts', {
      name: 'Telecom Partner',
      kind: 'partner',
      currency: 'EUR',
    });
    const existing = await t.api('POST', '/v1/accounts', {
      name: 'Boulangeries Martin',
      parent_id: partner.body.id,
      bill_to_parent: true,
      billing_basis: [
        { from: '2022-08-01', basis: 'used' },
        { from: '2022-11-01', basis: 'allocated' },
      ],
    });
    expect(existing.status).toBe(201);
    const manager = await t.api('POST', `/v1/accounts/${partner.body.id}/users`, {
      email: 'claire@partner.example.fr',
      name: 'Claire',
      roles: ['subscription_manager'],
    });
    const member = await t.api('POST', `/v1/accounts/${partner.body.id}/users`, {
      email: 'julien@partner.example.fr',
      name: 'Julien',
    });
    const as = (user: string) => ({ headers: { 'allot-acting-user': user } });

    const created = await t.api(
      'POST',
      '/v1/accounts',
      {
        name: 'Pharmacie Centrale',
        parent_id: partner.body.id,
        billing_period: 'year',
        timezone: 'Europe/Paris',
      },
      as(manager.body.id),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    expect(created.body).toMatchObject({
      kind: 'customer',
      billing_period: 'year',
      currency: 'EUR',
      bill_to_parent: true,
      billing_basis: [{ basis: 'allocated' }],
    });
    // Today in Paris, which is the UTC date or the one after.
    expect([today, new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)]).toContain(
      created.body.billing_basis[0].from,
    );

    const refused = await t.api(
      'POST',
      '/v1/accounts',
      { name: 'Other', parent_id: partner.body.id },
      as(member.body.id),
    );
    expect(refused.status).toBe(403);
    const terms = await t.api(
      'POST',
      '/v1/accounts',
      { name: 'Cheaper', parent_id: partner.body.id, bill_to_parent: false },
      as(manager.body.id),
    );
    expect(terms.status).toBe(403);
    expect(terms.body.errors[0].field).toBe('bill_to_parent');
    const kids = (await t.api('GET', `/v1/accounts?parent_id=${partner.body.id}`)).body.data.map(
      (a: { name: string }) => a.name,
    );
    expect(kids.sort()).toEqual(['Boulangeries Martin', 'Pharmacie Centrale']);
    // The parent may be named by its external_id too.
    await t.api('PATCH', `/v1/accounts/${partner.body.id}`, { external_id: 'crm-partner-1' });
    const byExternal = (await t.api('GET', '/v1/accounts?parent_id=crm-partner-1')).body.data;
    expect(byExternal.map((a: { name: string }) => a.name).sort()).toEqual([
      'Boulangeries Martin',
      'Pharmacie Centrale',
    ]);
    expect((await t.api('GET', '/v1/accounts?parent_id=nobody')).body.data).toEqual([]);
  });

  it('makes an account that pays for itself where no sibling is billed to the parent', async () => {
    const parent = await t.api('POST', '/v1/accounts', { name: 'Holding', kind: 'partner' });
    const owner = await t.api('POST', `/v1/accounts/${parent.body.id}/users`, {
      email: 'o@holding.example.com',
      name: 'O',
      roles: ['owner'],
    });
    const created = await t.api(
      'POST',
      '/v1/accounts',
      { name: 'Filiale', parent_id: parent.body.id },
      { headers: { 'allot-acting-user': owner.body.id } },
    );
    expect(created.body).toMatchObject({ bill_to_parent: false, billing_basis: [] });
  });
});
