import { FormattedMessage } from 'react-intl';
import { PageHeader } from '../components/ui.tsx';

export function History() {
  return <PageHeader title={<FormattedMessage id="history.title" />} />;
}
