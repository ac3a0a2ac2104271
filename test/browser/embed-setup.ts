import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import type { TestAllot } from '../helpers/allot.ts';
import { plain } from './browser.ts';

/**
 * The setting of embed-component.walk.ts: `<allot-pricing-table>` built afresh, served by a real Allot
 * with a real catalog, table and publishable key, on a vendor's page at another origin (another port)
 * whose CSP allows no inline script or style.
 */

/** Builds web/embed to `dir/embed/pricing-table.js`, where the server looks for it under ALLOT_PORTAL_DIR. */
export async function buildEmbed(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'allot-embed-'));
  mkdirSync(join(dir, 'embed'));
  await build({
    configFile: join(import.meta.dirname, '../../web/embed/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: join(dir, 'embed') },
  });
  return dir;
}

const price = (billing_period: string, currency: string, amount: number, per_seat: boolean) => ({
  billing_period,
  currency,
  amount,
  per_seat,
});

/**
 * Three plans: Starter flat (no yearly price in yen), Pro per licence with a trial, Business per
 * licence in euros only; projects a quota, users a seat feature, SSO on Business alone.
 */
export const CATALOG = {
  features: [
    { key: 'projects', name: 'Projects', kind: 'quota', unit: 'project' },
    { key: 'users', name: 'Users', kind: 'seat' },
    { key: 'sso', name: 'Single sign-on', kind: 'boolean' },
  ],
  plans: [
    {
      key: 'starter',
      name: 'Starter',
      rank: 1,
      entitlements: [
        { feature: 'projects', limit: 3 },
        { feature: 'users', limit: 2 },
        { feature: 'sso', enabled: false },
      ],
      prices: [
        price('month', 'EUR', 900, false),
        price('year', 'EUR', 9000, false),
        price('month', 'USD', 1000, false),
        price('year', 'USD', 10000, false),
        price('month', 'JPY', 1500, false),
      ],
    },
    {
      key: 'pro',
      name: 'Pro',
      rank: 2,
      trial_days: 14,
      entitlements: [
        { feature: 'projects', limit: 10 },
        { feature: 'users', limit: null },
        { feature: 'sso', enabled: false },
      ],
      prices: [
        price('month', 'EUR', 1500, true),
        price('year', 'EUR', 15000, true),
        price('month', 'USD', 1800, true),
        price('year', 'USD', 18000, true),
        price('month', 'JPY', 2500, true),
      ],
    },
    {
      key: 'business',
      name: 'Business',
      rank: 3,
      trial_days: 1,
      entitlements: [
        { feature: 'projects', limit: null },
        { feature: 'users', limit: 5 },
        { feature: 'sso', enabled: true },
      ],
      prices: [price('month', 'EUR', 4000, true), price('year', 'EUR', 36000, true)],
    },
  ],
  pricing_tables: [
    {
      key: 'website',
      name: 'Our plans',
      plans: ['starter', 'pro', 'business'],
      highlighted_plan: 'pro',
      features: ['projects', 'users', 'sso'],
      call_to_action_url: 'https://vendor.test/signup?ref=pricing',
      default_billing_period: 'month',
      default_currency: 'EUR',
    },
  ],
};

/** The catalog with its table, through the API (which checks the table against it). */
export async function seedTable(t: TestAllot): Promise<void> {
  const res = await t.api('PUT', '/v1/catalog', CATALOG);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function publishableKey(t: TestAllot, origins: string[]): Promise<{ id: string; key: string }> {
  const res = await t.api('POST', '/v1/keys', { type: 'publishable', allowed_origins: origins });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, key: res.body.publishable_key };
}

export interface QuoteBody {
  plan: string;
  billing_period: 'month' | 'year';
  currency: string;
  quantity?: number;
}

/** What the quote endpoint answers, asked with the publishable key as the page asks it. */
export async function quoted(t: TestAllot, pk: string, body: QuoteBody) {
  const res = await t.api('POST', '/v1/pricing_tables/website/quote', body, { key: pk });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    subtotal: number;
    per_month: number;
    saving: { amount: number; percent: number } | null;
    quantity: number;
  };
}

/** Minor units as money, in the way a reader checks the page (from the decimal string, no float). */
export function money(locale: string, amount: number, currency: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const text = String(amount).padStart(digits + 1, '0');
  const decimal = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return plain(format.format(decimal as Intl.StringNumericLiteral));
}

/** The vendor's web site: a node:http server on 127.0.0.1, port 0 (so an origin of its own). */
export interface VendorSite {
  origin: string;
  /** A page with one element loading the script from `allot`, under a strict CSP; its address. */
  page(allot: string, attributes: Record<string, string>, lang: string): string;
  close(): Promise<void>;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function startVendorSite(): Promise<VendorSite> {
  const pages = new Map<string, { html: string; csp: string }>();
  const server: Server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (page) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': page.csp,
        'cache-control': 'no-store',
      });
      res.end(page.html);
    } else if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
    } else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(allot, attributes, lang) {
      const path = `/pricing-${pages.size + 1}`;
      const attrs = Object.entries(attributes)
        .map(([k, v]) => ` ${k}="${attr(v)}"`)
        .join('');
      const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Vendor pricing</title>
<script type="module" src="${allot}/embed/pricing-table.js"></script></head>
<body><main><h1>Pricing</h1><allot-pricing-table${attrs}></allot-pricing-table></main></body></html>`;
      const csp = `default-src 'none'; script-src 'self' ${allot}; style-src 'self'; connect-src ${allot}; img-src 'self'`;
      pages.set(path, { html, csp });
      return origin + path;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A portal session link for a customer's user, as the vendor's application asks for one. */
export async function portalLink(allot: TestAllot): Promise<string> {
  const account = await allot.api('POST', '/v1/accounts', {
    name: 'Kestrel Analytics Ltd',
    currency: 'USD',
    timezone: 'Europe/Dublin',
    locale: 'en',
  });
  expect(account.status, JSON.stringify(account.body)).toBe(201);
  const user = await allot.api('POST', `/v1/accounts/${account.body.id}/users`, {
    name: 'Aoife Murphy',
    email: 'aoife@kestrel.example.com',
    roles: ['owner'],
  });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  const session = await allot.api('POST', '/v1/portal_sessions', {
    account: account.body.id,
    user: user.body.id,
  });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  return session.body.url;
}

export interface Visit {
  page: Page;
  url: string;
  /** The quotes the page asked for, as it sent them. */
  quotes: QuoteBody[];
  /** The API's answers the page got: `GET /v1/pricing_tables/website 200`. */
  responses: string[];
  /** Console errors and uncaught exceptions. */
  problems: string[];
  close(): Promise<void>;
}

/** A visitor on the vendor's page with one element, its attributes as given, `api` the Allot server. */
export async function visit(
  browser: Browser,
  site: VendorSite,
  allot: string,
  attributes: Record<string, string>,
  options: { width?: number; lang?: string; locale?: string } = {},
): Promise<Visit> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.locale ?? 'en-US',
  });
  // The page's timers run on a clock the walk can move (a debounce is passed without sleeping).
  await context.clock.install();
  const page = await context.newPage();
  const v: Visit = {
    page,
    url: site.page(allot, { api: allot, ...attributes }, options.lang ?? 'en'),
    quotes: [],
    responses: [],
    problems: [],
    close: () => context.close(),
  };
  page.on('console', (m) => {
    if (m.type() === 'error') v.problems.push(m.text());
  });
  page.on('pageerror', (e) => v.problems.push(String(e)));
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/quote')) v.quotes.push(r.postDataJSON());
  });
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/v1/'))
      v.responses.push(`${r.request().method()} ${url.pathname} ${r.status()}`);
  });
  await page.goto(v.url);
  return v;
}

export const cards = (page: Page) => page.locator('allot-pricing-table li.plan');
export const card = (page: Page, name: string) =>
  cards(page).filter({ has: page.getByRole('heading', { name }) });
export const textOf = async (page: Page, selector: string) =>
  plain(await page.locator(selector).first().textContent());
const oneLine = (text: string | null) => plain(text).replace(/\s+/g, ' ');
/** A part of a plan's card as one line of text: `.badge`, `.price`, `.trial`, `.total`. */
export const inCard = async (page: Page, name: string, selector: string) =>
  oneLine(await card(page, name).locator(selector).textContent());
export const totalOf = (page: Page, name: string) => inCard(page, name, '.total');
export const priceText = (page: Page, name: string) => inCard(page, name, '.price');
export const features = async (page: Page, name: string) =>
  (await card(page, name).locator('.features li').allTextContents()).map(oneLine);
/** The one line the element shows instead of the table (without its retry button). */
export const alertOf = async (page: Page) =>
  plain(await page.locator('allot-pricing-table [role="alert"] > span').textContent());
/** The plans are shown, and every total is a quote's answer (none is still on its way). */
export const settled = (page: Page) =>
  expect
    .poll(
      async () =>
        (await cards(page).count()) > 0 &&
        (await page.locator('allot-pricing-table .total[aria-busy="true"]').count()) === 0,
      { timeout: 10_000 },
    )
    .toBe(true);
