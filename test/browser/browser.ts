import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Locale } from '../../web/src/i18n/catalog.ts';
import { messagesFor } from '../../web/src/i18n/messages.ts';
import type { TestAllot } from '../helpers/allot.ts';

/** Debian's Chromium (never a downloaded browser), headless, quiet on a closed network. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(import.meta.dirname, '../../.ci/out/portal');

export function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The portal's own words, so a walk finds buttons by the label a user reads in that language. */
export function words(locale: Locale) {
  const table = messagesFor(locale);
  return (id: string): string => {
    const text = table[id];
    if (text === undefined) throw new Error(`no message ${id}`);
    return text;
  };
}

export interface Visit {
  page: Page;
  context: BrowserContext;
  /** Console errors and failed requests seen so far. */
  problems: string[];
}

/** Asks the vendor's API for a link, as the vendor's app would, and opens it in a fresh browser context. */
export async function signIn(
  t: TestAllot,
  browser: Browser,
  body: { account: string; user: string; locale?: Locale; page?: string },
  viewport = { width: 1280, height: 900 },
): Promise<Visit> {
  const res = await t.api('POST', '/v1/portal_sessions', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: body.locale ?? 'en' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(res.body.url);
  await page.waitForLoadState('networkidle');
  return { page, context, problems };
}

/** Text as a reader sees it: Intl's narrow and no-break spaces as plain ones. */
export const plain = (text: string | null): string =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\u2212/g, '-')
    .trim();

export async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map(plain);
}

export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => {});
}

/** A full-page screenshot under .ci/out/portal/, to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function accessible(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    where,
  ).toEqual([]);
}
