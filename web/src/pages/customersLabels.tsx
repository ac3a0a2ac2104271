import { FormattedMessage } from 'react-intl';
import { useFeatures } from '../lib/data.ts';

/** A seat feature's name by its key (the key until the features load). */
export function useFeatureName() {
  const features = useFeatures();
  return (key: string) => features.data?.data.find((f) => f.key === key)?.name ?? key;
}

export function Unlimited() {
  return <FormattedMessage id="customers.unlimited" />;
}
