/**
 * The vendor's settings (`GET/PATCH /v1/tenant`): its legal details, printed on every invoice and
 * carried in its e-invoice XML, payment terms and bank details, and the page of its application that
 * opens the portal (e-mails link there). This module owns `tenant_settings`.
 */

import { recordHistory } from '../history/history.ts';
import type { Actor } from '../platform/actor.ts';
import { type Temporal, toDate, toRfc3339 } from '../platform/clock/clock.ts';
import { jsonb } from '../platform/db/jsonb.ts';
import type { TenantSettingsTable } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';

export type SettingsPatch = Partial<
  Omit<TenantSettingsTable, 'tenant_id' | 'updated_at' | 'payment_terms_days'>
> & {
  name?: string;
  payment_terms_days?: number;
};

const EMPTY = {
  legal_name: null,
  address: null,
  vat_number: null,
  registration_number: null,
  email: null,
  phone: null,
  payment_terms_days: 30,
  portal_url: null,
  bank: null,
};

export async function tenantSettings(scope: TenantScope) {
  const [tenant, row] = await Promise.all([
    scope.raw
      .selectFrom('tenants')
      .select(['id', 'name', 'created_at'])
      .where('id', '=', scope.tenantId)
      .executeTakeFirstOrThrow(),
    scope.selectFrom('tenant_settings').selectAll().executeTakeFirst(),
  ]);
  const { tenant_id: _t, updated_at: _u, ...settings } = row ?? { tenant_id: '', updated_at: null, ...EMPTY };
  return {
    id: tenant.id,
    object: 'tenant' as const,
    name: tenant.name,
    ...settings,
    created_at: toRfc3339(tenant.created_at),
  };
}
export type TenantView = Awaited<ReturnType<typeof tenantSettings>>;

export async function updateTenantSettings(
  scope: TenantScope,
  actor: Actor,
  patch: SettingsPatch,
  now: Temporal.Instant,
): Promise<TenantView> {
  if (actor.type !== 'key')
    throw new AllotError('forbidden', "Only the vendor's secret key changes its settings.");
  const before = await tenantSettings(scope);
  const { id: _i, object: _o, name: _n, created_at: _c, ...current } = before;
  const { name, ...fields } = patch;
  const next = { ...current, ...fields };
  if (name !== undefined)
    await scope.raw.updateTable('tenants').set({ name }).where('id', '=', scope.tenantId).execute();
  const values = {
    ...next,
    payment_terms_days: next.payment_terms_days as number,
    address: jsonb(next.address),
    bank: jsonb(next.bank),
    updated_at: toDate(now),
  };
  await scope
    .insertInto('tenant_settings', values)
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
  const after = await tenantSettings(scope);
  await recordHistory(scope, {
    at: now,
    actor,
    action: 'tenant.updated',
    subject: { type: 'tenant', id: scope.tenantId },
    accountId: null,
    before,
    after,
  });
  return after;
}
