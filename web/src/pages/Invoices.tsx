import { FormattedMessage } from 'react-intl';
import { PageHeader } from '../components/ui.tsx';

export function Invoices() {
  return <PageHeader title={<FormattedMessage id="invoices.title" />} />;
}
