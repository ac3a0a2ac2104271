import type { IntlShape } from 'react-intl';
import type { Feature, Plan } from '../lib/api.ts';

type PlanEntitlement = Plan['entitlements'][number];

/** Every feature the plans name, in the order the most complete (highest-ranked) plan names them first. */
export function featureOrder(plans: Plan[]): string[] {
  const keys: string[] = [];
  for (const p of [...plans].reverse())
    for (const e of p.entitlements) if (!keys.includes(e.feature)) keys.push(e.feature);
  return keys;
}

/** What a plan gives of a feature, in words: included or not, a limit with its period, unlimited. */
export function featureValue(
  intl: IntlShape,
  e: PlanEntitlement | undefined,
  feature: Feature | undefined,
  perSeat: boolean,
  billingPeriod: string,
): { text: string; on: boolean } {
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const kind = feature?.kind;
  if (!e?.enabled) return { text: t('plans.value.notIncluded'), on: false };
  if (kind === 'boolean') return { text: t('plans.value.included'), on: true };
  if (kind === 'seat' && perSeat) {
    return { text: t('plans.value.perLicence', { included: e.limit ?? 0 }), on: true };
  }
  if (e.limit === null) return { text: t('plans.value.unlimited'), on: true };
  if (e.limit === 0) return { text: t('plans.value.none'), on: false };
  if (kind === 'quota' && (e.reset === 'month' || e.reset === 'period')) {
    const per = e.reset === 'month' ? 'month' : billingPeriod;
    return { text: t('plans.value.perPeriod', { limit: e.limit, per }), on: true };
  }
  return { text: t('plans.value.amount', { limit: e.limit }), on: true };
}
