import { FormattedMessage } from 'react-intl';
import { PageHeader } from '../components/ui.tsx';

export function Plans() {
  return <PageHeader title={<FormattedMessage id="plans.title" />} />;
}
