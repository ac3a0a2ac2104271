import { QueryCache, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { IntlProvider } from 'react-intl';
import { Route, Router, Switch } from 'wouter';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/ui.tsx';
import { isLocale, type Locale } from './i18n/catalog.ts';
import { messagesFor } from './i18n/messages.ts';
import { allot, type CurrentPortalSession, isApiError, loadSession } from './lib/api.ts';
import { type Portal, PortalContext } from './lib/portal.tsx';
import { Customer } from './pages/Customer.tsx';
import { Customers } from './pages/Customers.tsx';
import { History } from './pages/History.tsx';
import { Invoices } from './pages/Invoices.tsx';
import { Licences } from './pages/Licences.tsx';
import { Overview } from './pages/Overview.tsx';
import { Packs } from './pages/Packs.tsx';
import { Plans } from './pages/Plans.tsx';
import { SignedOut } from './pages/SignedOut.tsx';
import { Subscribe } from './pages/Subscribe.tsx';
import { Users } from './pages/Users.tsx';
import './styles.css';

const LOCALE_KEY = 'allot.portal.locale';

function chosenLocale(fallback: string | undefined): Locale {
  const stored = window.localStorage.getItem(LOCALE_KEY);
  if (isLocale(stored)) return stored;
  if (isLocale(fallback)) return fallback;
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

function Translated({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const messages = useMemo(() => messagesFor(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <IntlProvider locale={locale} messages={messages} defaultLocale="en">
      {children}
    </IntlProvider>
  );
}

/** The signed-in portal: the session's account and its live subscription, shared by every page. */
function SignedIn({ session }: { session: CurrentPortalSession }) {
  // The account's clock may be a test clock: windows and trial days count from its time, not the browser's.
  const [offset] = useState(() => Date.parse(session.now) - Date.now());
  const [locale, setLocaleState] = useState<Locale>(() => chosenLocale(session.locale));
  const account = useQuery({
    queryKey: ['account', session.account],
    queryFn: () => allot().accounts.get(session.account),
  });
  const subscriptions = useQuery({
    queryKey: ['subscriptions', session.account],
    queryFn: () => allot().subscriptions.list({ account: session.account, limit: 100 }),
  });
  // A customer with sites manages them like a partner manages its customers (S7–S9).
  const below = useQuery({
    queryKey: ['accounts-below', session.account],
    queryFn: () => allot().accounts.list({ parent_id: session.account, limit: 1 }),
  });
  const setLocale = (l: Locale) => {
    window.localStorage.setItem(LOCALE_KEY, l);
    setLocaleState(l);
  };
  if (!account.data || !subscriptions.data || !below.data) {
    return (
      <Translated locale={locale}>
        <Loading />
      </Translated>
    );
  }
  const live = subscriptions.data.data.find((s) => s.status === 'active' || s.status === 'trialing') ?? null;
  const roles = session.user.roles;
  const portal: Portal = {
    session,
    account: account.data,
    subscription: live,
    canManage: roles.includes('owner') || roles.includes('subscription_manager'),
    isOwner: roles.includes('owner'),
    locale,
    setLocale,
    now: () => Date.now() + offset,
    hasAccountsBelow: below.data.data.length > 0,
  };
  return (
    <Translated locale={locale}>
      <PortalContext.Provider value={portal}>
        <Layout>
          <Switch>
            <Route path="/" component={Overview} />
            <Route path="/plans" component={Plans} />
            <Route path="/licences" component={Licences} />
            <Route path="/packs" component={Packs} />
            <Route path="/users" component={Users} />
            <Route path="/invoices" component={Invoices} />
            <Route path="/history" component={History} />
            <Route path="/subscribe" component={Subscribe} />
            <Route path="/customers" component={Customers} />
            <Route path="/customers/:id">{(params) => <Customer id={params.id} />}</Route>
            <Route>
              <Overview />
            </Route>
          </Switch>
        </Layout>
      </PortalContext.Provider>
    </Translated>
  );
}

function Root() {
  const [state, setState] = useState<{ session: CurrentPortalSession | null } | null>(null);
  const signedOutPage = window.location.pathname.startsWith('/portal/signed-out');
  useEffect(() => {
    if (signedOutPage) return;
    loadSession().then(
      (session) => setState({ session }),
      () => setState({ session: null }),
    );
  }, [signedOutPage]);
  if (signedOutPage || (state && !state.session)) {
    const reason = new URLSearchParams(window.location.search).get('reason') === 'link' ? 'link' : 'ended';
    return (
      <Translated locale={chosenLocale(undefined)}>
        <SignedOut reason={reason} />
      </Translated>
    );
  }
  if (!state?.session) return null;
  return <SignedIn session={state.session} />;
}

const queries = new QueryClient({
  // A session that ended (idle, absolute limit, signed out elsewhere) answers 401: say so, once.
  queryCache: new QueryCache({
    onError: (error) => {
      if (isApiError(error) && error.status === 401)
        window.location.assign('/portal/signed-out?reason=ended');
    },
  }),
  defaultOptions: {
    queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: true },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <Router base="/portal">
        <Root />
      </Router>
    </QueryClientProvider>
  </StrictMode>,
);
