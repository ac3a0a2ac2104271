import { FormattedMessage } from 'react-intl';
import { PageHeader } from '../components/ui.tsx';

export function Users() {
  return <PageHeader title={<FormattedMessage id="users.title" />} />;
}
