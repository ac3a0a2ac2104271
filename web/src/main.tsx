import { QueryCache, QueryClient, QueryClientProvider, queryOptions, useQuery } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { IntlProvider } from 'react-intl';
import { Route, Router, Switch } from 'wouter';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/ui.tsx';
import { isLocale, type Locale } from './i18n/catalog.ts';
import { loadedMessages, loadMessages } from './i18n/load.ts';
import { allot, type CurrentPortalSession, isApiError, loadSession } from './lib/api.ts';
import { type Portal, PortalContext } from './lib/portal.tsx';
import { Overview } from './pages/Overview.tsx';
// One stylesheet for every page, in the order it always had (the pages' own, then the shared one),
// though the pages' code now comes in chunks of its own (vite.config.ts: cssCodeSplit false).
import './pages/Plans.css';
import './pages/Customer.css';
import './pages/Customers.css';
import './pages/History.css';
import './pages/Invoices.css';
import './pages/Licences.css';
import './pages/Packs.css';
import './pages/Subscribe.css';
import './pages/Users.css';
import './styles.css';

/**
 * Every page but the overview, the one a portal link opens on, is its own chunk, fetched the first
 * time it is shown.
 */
const Customer = lazy(() => import('./pages/Customer.tsx').then((m) => ({ default: m.Customer })));
const Customers = lazy(() => import('./pages/Customers.tsx').then((m) => ({ default: m.Customers })));
const History = lazy(() => import('./pages/History.tsx').then((m) => ({ default: m.History })));
const Invoices = lazy(() => import('./pages/Invoices.tsx').then((m) => ({ default: m.Invoices })));
const Licences = lazy(() => import('./pages/Licences.tsx').then((m) => ({ default: m.Licences })));
const Packs = lazy(() => import('./pages/Packs.tsx').then((m) => ({ default: m.Packs })));
const Plans = lazy(() => import('./pages/Plans.tsx').then((m) => ({ default: m.Plans })));
const SignedOut = lazy(() => import('./pages/SignedOut.tsx').then((m) => ({ default: m.SignedOut })));
const Subscribe = lazy(() => import('./pages/Subscribe.tsx').then((m) => ({ default: m.Subscribe })));
const Users = lazy(() => import('./pages/Users.tsx').then((m) => ({ default: m.Users })));

/**
 * While a page's chunk arrives. Layout moves focus to the page's title on each new address, before a
 * lazy page has one: once the page replaces this, its title gets the focus.
 */
function PageLoading() {
  useEffect(
    () => () => {
      document.getElementById('page-title')?.focus({ preventScroll: true });
    },
    [],
  );
  return <Loading />;
}

const LOCALE_KEY = 'allot.portal.locale';

function chosenLocale(fallback: string | undefined): Locale {
  const stored = window.localStorage.getItem(LOCALE_KEY);
  if (isLocale(stored)) return stored;
  if (isLocale(fallback)) return fallback;
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

/**
 * react-intl with the locale's messages, which arrive as their own chunk (i18n/load.ts): until they
 * have, nothing is shown (not words in another language, nor message ids).
 */
function Translated({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const messages = loadedMessages(locale);
  const [, arrived] = useState<Locale | null>(null);
  useEffect(() => {
    if (messages) {
      document.documentElement.lang = locale;
      return;
    }
    let current = true;
    loadMessages(locale).then(() => {
      if (current) arrived(locale);
    });
    return () => {
      current = false;
    };
  }, [locale, messages]);
  if (!messages) return null;
  return (
    <IntlProvider locale={locale} messages={messages} defaultLocale="en">
      {children}
    </IntlProvider>
  );
}

// What every page waits on, asked by SignedIn and, earlier, by `startSession` below.
const accountQuery = (id: string) =>
  queryOptions({ queryKey: ['account', id], queryFn: () => allot().accounts.get(id) });
const subscriptionsQuery = (id: string) =>
  queryOptions({
    queryKey: ['subscriptions', id],
    queryFn: () => allot().subscriptions.list({ account: id, limit: 100 }),
  });
// A customer with sites manages them like a partner manages its customers (S7–S9).
const belowQuery = (id: string) =>
  queryOptions({
    queryKey: ['accounts-below', id],
    queryFn: () => allot().accounts.list({ parent_id: id, limit: 1 }),
  });

/** The signed-in portal: the session's account and its live subscription, shared by every page. */
function SignedIn({ session }: { session: CurrentPortalSession }) {
  // The account's clock may be a test clock: windows and trial days count from its time, not the browser's.
  const [offset] = useState(() => Date.parse(session.now) - Date.now());
  const [locale, setLocaleState] = useState<Locale>(() => chosenLocale(session.locale));
  const account = useQuery(accountQuery(session.account));
  const subscriptions = useQuery(subscriptionsQuery(session.account));
  const below = useQuery(belowQuery(session.account));
  // The new language shows once its messages are here; until then the page stays in the last one.
  const setLocale = (l: Locale) => {
    window.localStorage.setItem(LOCALE_KEY, l);
    loadMessages(l).then(() => setLocaleState(l));
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
          <Suspense fallback={<PageLoading />}>
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
          </Suspense>
        </Layout>
      </PortalContext.Provider>
    </Translated>
  );
}

function Root() {
  const [state, setState] = useState<{ session: CurrentPortalSession | null } | null>(null);
  useEffect(() => {
    session?.then(
      (current) => setState({ session: current }),
      () => setState({ session: null }),
    );
  }, []);
  if (signedOutPage || (state && !state.session)) {
    const reason = new URLSearchParams(window.location.search).get('reason') === 'link' ? 'link' : 'ended';
    return (
      <Translated locale={chosenLocale(undefined)}>
        <Suspense fallback={null}>
          <SignedOut reason={reason} />
        </Suspense>
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

const signedOutPage = window.location.pathname.startsWith('/portal/signed-out');

/**
 * The session, asked as soon as this script runs, and once it is known what the first page waits on
 * (the account's queries, the locale's messages), all before React's first paint rather than after.
 */
const session = signedOutPage
  ? null
  : loadSession().then((current) => {
      if (current) {
        void queries.prefetchQuery(accountQuery(current.account));
        void queries.prefetchQuery(subscriptionsQuery(current.account));
        void queries.prefetchQuery(belowQuery(current.account));
        loadMessages(chosenLocale(current.locale)).catch(() => {});
      }
      return current;
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
