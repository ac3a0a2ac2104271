import { FormattedMessage } from 'react-intl';
import { PageHeader } from '../components/ui.tsx';

export function Packs() {
  return <PageHeader title={<FormattedMessage id="packs.title" />} />;
}
