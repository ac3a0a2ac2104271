import { FormattedMessage } from 'react-intl';
import { PageHeader } from '../components/ui.tsx';

export function Subscribe() {
  return <PageHeader title={<FormattedMessage id="subscribe.title" />} />;
}
