import { type ReactNode, useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'wouter';
import { isLocale, LANGUAGE_NAMES, LOCALES } from '../i18n/catalog.ts';
import { allot } from '../lib/api.ts';
import { usePortal } from '../lib/portal.tsx';

interface NavItem {
  path: string;
  id: string;
}

/** The pages a user sees in the menu: Subscribe while there is a trial or nothing to manage yet. */
function navItems(
  hasSubscription: boolean,
  trialing: boolean,
  below: 'customers' | 'sites' | null,
  self: string,
): NavItem[] {
  const items: NavItem[] = [{ path: '/', id: 'nav.overview' }];
  if (below === 'customers') items.push({ path: '/customers', id: 'nav.customers' });
  if (below === 'sites') items.push({ path: `/customers/${self}`, id: 'nav.sites' });
  if (hasSubscription) {
    items.push(
      { path: '/plans', id: 'nav.plans' },
      { path: '/licences', id: 'nav.licences' },
      { path: '/packs', id: 'nav.packs' },
    );
  }
  if (!hasSubscription || trialing) items.push({ path: '/subscribe', id: 'nav.subscribe' });
  items.push(
    { path: '/users', id: 'nav.users' },
    { path: '/invoices', id: 'nav.invoices' },
    { path: '/history', id: 'nav.history' },
  );
  return items;
}

export function Layout({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const portal = usePortal();
  const [location] = useLocation();
  const { session, account, subscription } = portal;
  const below = !portal.hasAccountsBelow ? null : account.kind === 'partner' ? 'customers' : 'sites';
  const items = navItems(subscription !== null, subscription?.status === 'trialing', below, account.id);

  // A new page moves focus to its title, so a screen reader announces where the user arrived.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs on each new address
  useEffect(() => {
    document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [location]);

  const signOut = async () => {
    const { return_url } = await allot().portalSessions.endCurrent();
    window.location.assign(return_url ?? '/portal/signed-out?reason=ended');
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        <FormattedMessage id="app.skip" />
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>
          <div>
            <p className="brand-account">{account.name}</p>
            <p className="brand-user">
              <FormattedMessage id="app.signedInAs" values={{ name: session.user.name }} /> ·{' '}
              {session.user.roles.map((r) => intl.formatMessage({ id: `role.${r}` })).join(', ')}
            </p>
          </div>
        </div>
        <div className="topbar-actions">
          <label className="language">
            <span className="visually-hidden">
              <FormattedMessage id="app.language" />
            </span>
            <select
              value={portal.locale}
              onChange={(e) => {
                if (isLocale(e.target.value)) portal.setLocale(e.target.value);
              }}
            >
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          {session.return_url ? (
            <a className="button button-ghost" href={session.return_url}>
              <FormattedMessage id="app.back" />
            </a>
          ) : null}
          <button type="button" className="button button-ghost" onClick={signOut}>
            <FormattedMessage id="app.signOut" />
          </button>
        </div>
      </header>
      <nav className="tabs" aria-label={intl.formatMessage({ id: 'app.nav' })}>
        <ul>
          {items.map((item) => {
            const current = item.path === '/' ? location === '/' : location.startsWith(item.path);
            return (
              <li key={item.path}>
                <Link
                  href={item.path}
                  aria-current={current ? 'page' : undefined}
                  className={current ? 'active' : undefined}
                >
                  <FormattedMessage id={item.id} />
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" className="content">
        {children}
      </main>
    </div>
  );
}
