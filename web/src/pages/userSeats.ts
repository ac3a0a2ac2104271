import type { Entitlement } from '../lib/api.ts';
import { useEntitlements, useFeatures, usePlans } from '../lib/data.ts';
import { usePortal } from '../lib/portal.tsx';

/** One seat type of the account: the entitlement, its feature's name and the module it counts (null: everyone). */
interface Seat {
  entitlement: Entitlement;
  name: string;
  module: string | null;
}

/**
 * What frees a seat of a full seat type, for the reader: a licence (per-licence plan, a manager buys it),
 * a pack (seats not sold per licence), asking a manager (a member), or nothing to do (extra users are
 * let in and counted at the end of the period).
 */
export type Remedy = 'licence' | 'pack' | 'ask' | 'billed';
interface FullSeat extends Seat {
  remedy: Remedy;
}

export function useSeats() {
  const portal = usePortal();
  const entitlements = useEntitlements();
  const features = useFeatures();
  const plans = usePlans();
  const s = portal.subscription;
  const plan = s ? plans.data?.data.find((p) => p.id === s.plan) : undefined;
  const price =
    s && plan
      ? plan.prices.find((p) => p.billing_period === s.billing_period && p.currency === s.currency)
      : undefined;
  const perSeat = price?.per_seat ?? false;
  const seats: Seat[] = (entitlements.data ?? [])
    .filter((e) => e.kind === 'seat' && e.enabled)
    .map((e) => {
      const feature = features.data?.data.find((f) => f.key === e.feature);
      return { entitlement: e, name: feature?.name ?? e.feature, module: feature?.module ?? null };
    });
  const remedyOf = (seat: Seat): Remedy =>
    seat.entitlement.overage === 'bill'
      ? 'billed'
      : !portal.canManage
        ? 'ask'
        : perSeat && s
          ? 'licence'
          : 'pack';
  /** The seat types with no free seat that a new active user holding these modules would take. */
  const fullFor = (modules: readonly string[]): FullSeat[] =>
    seats
      .filter((seat) => {
        const e = seat.entitlement;
        if (e.limit === null || e.used < e.limit || e.overage === 'allow') return false;
        return seat.module === null || modules.includes(seat.module);
      })
      .map((seat) => ({ ...seat, remedy: remedyOf(seat) }));
  return {
    loading: !entitlements.data || !features.data || !plans.data,
    seats,
    plan,
    price,
    perSeat,
    fullFor,
    remedyOf,
  };
}

/** A licence is bought first when a full seat type is sold per licence and nothing else blocks the user. */
export const needsLicence = (full: readonly FullSeat[]) =>
  full.some((f) => f.remedy === 'licence') &&
  full.every((f) => f.remedy === 'licence' || f.remedy === 'billed');
