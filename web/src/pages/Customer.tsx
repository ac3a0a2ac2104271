import { FormattedMessage } from 'react-intl';
import { PageHeader } from '../components/ui.tsx';

/** One customer of a partner (or a customer's own sites): seats per site, sync, allocations, billing cycle. */
export function Customer({ id }: { id: string }) {
  return <PageHeader title={<FormattedMessage id="customer.title" values={{ id }} />} />;
}
