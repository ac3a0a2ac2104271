import { FormattedMessage } from 'react-intl';

export function SignedOut({ reason }: { reason: 'link' | 'ended' }) {
  return (
    <main id="main" className="signed-out">
      <div className="card">
        <h1>
          <FormattedMessage id="signedOut.title" />
        </h1>
        <p>
          <FormattedMessage id={reason === 'link' ? 'signedOut.link' : 'signedOut.ended'} />
        </p>
        <p>
          <FormattedMessage id="signedOut.again" />
        </p>
      </div>
    </main>
  );
}
