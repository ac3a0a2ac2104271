import { FormattedMessage } from 'react-intl';
import { PageHeader } from '../components/ui.tsx';

export function Licences() {
  return <PageHeader title={<FormattedMessage id="licences.title" />} />;
}
