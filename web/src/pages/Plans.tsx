import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Alert, Loading, PageHeader, ProblemAlert, ReadOnlyNote } from '../components/ui.tsx';
import type { Plan, Subscription } from '../lib/api.ts';
import { useFeatures, usePlans } from '../lib/data.ts';
import { usePortal } from '../lib/portal.tsx';
import { BillingPeriodCard } from './BillingPeriodCard.tsx';
import { NoSubscription } from './ChangePreview.tsx';
import { PlanChange } from './PlanChange.tsx';
import { PlanComparison } from './PlanComparison.tsx';
import './Plans.css';

// The Licences page reads plan prices from here.
export { PriceText, priceOf, seatUnit } from './planPrices.tsx';

/** The plans of the subscription's product: those sharing one of its plan's modules, by rank. */
export function productPlans(plans: Plan[], current: Plan): Plan[] {
  return plans
    .filter((p) => p.id === current.id || p.modules.some((m) => current.modules.includes(m)))
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
}
/** Plans of the product side by side, the change of plan with its prorated preview, and the billing period. */
export function Plans() {
  const { subscription, canManage } = usePortal();
  return (
    <>
      <PageHeader title={<FormattedMessage id="plans.title" />} />
      {subscription && !canManage ? (
        <div className="page-readonly">
          <ReadOnlyNote />
        </div>
      ) : null}
      {subscription ? <PlansBody subscription={subscription} /> : <NoSubscription />}
    </>
  );
}

function PlansBody({ subscription: s }: { subscription: Subscription }) {
  const plans = usePlans();
  const features = useFeatures();
  const [chosen, setChosen] = useState<string | null>(null);
  if (plans.isError || features.isError) return <ProblemAlert error={plans.error ?? features.error} />;
  if (!plans.data || !features.data) return <Loading />;
  const current = plans.data.data.find((p) => p.id === s.plan);
  if (!current) {
    return (
      <Alert tone="warning">
        <FormattedMessage id="plans.unknownPlan" values={{ plan: s.plan_key ?? s.plan }} />
      </Alert>
    );
  }
  const shown = productPlans(plans.data.data, current);
  const target = shown.find((p) => p.key === chosen) ?? null;
  return (
    <>
      <PlanComparison
        subscription={s}
        plans={shown}
        current={current}
        features={features.data.data}
        chosen={chosen}
        onChoose={setChosen}
      />
      {target ? (
        <PlanChange
          key={target.key}
          subscription={s}
          current={current}
          target={target}
          plans={shown}
          features={features.data.data}
          onClose={() => setChosen(null)}
        />
      ) : null}
      <BillingPeriodCard subscription={s} plan={current} features={features.data.data} />
    </>
  );
}
