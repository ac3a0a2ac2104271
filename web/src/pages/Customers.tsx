import { FormattedMessage } from 'react-intl';
import { PageHeader } from '../components/ui.tsx';

/** A partner's summary of the seats it allocated to its customers (S9). */
export function Customers() {
  return <PageHeader title={<FormattedMessage id="customers.title" />} />;
}
