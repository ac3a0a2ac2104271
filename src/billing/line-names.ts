/**
 * Invoice lines in their reader's language: each line's text (domain/line-text.ts) rendered in the
 * payer's locale, naming plans, packs and features as the catalog names them in that language. Reads
 * the catalog's names once per batch of drafts; an English invoice whose lines name only plans and
 * packs keeps the domain's own English (the billing run's common case costs nothing).
 */
import type { LineDraft } from '../domain/invoice.ts';
import { type LineLocale, type LineText, type NameOf, renderLineText } from '../domain/line-text.ts';
import type { LocalNames } from '../platform/db/schema.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import type { InvoiceDraft } from './invoices.ts';

const LOCALES: readonly LineLocale[] = ['en', 'fr', 'de'];
export const lineLocaleOf = (locale: string | undefined): LineLocale =>
  LOCALES.includes(locale as LineLocale) ? (locale as LineLocale) : 'en';

/** Whether a text names a feature (the domain knows features by key only). */
function namesFeature(text: LineText): boolean {
  switch (text.t) {
    case 'overage':
    case 'extra_users':
      return true;
    case 'refund':
    case 'payer':
      return namesFeature(text.of);
    default:
      return false;
  }
}

interface CatalogNames {
  plan: Map<string, { name: string; names: LocalNames }>;
  addon: Map<string, { name: string; names: LocalNames }>;
  feature: Map<string, { name: string; names: LocalNames }>;
}

async function catalogNames(scope: TenantScope): Promise<CatalogNames> {
  const [plans, addons, features] = await Promise.all([
    scope.selectFrom('plans').select(['key', 'name', 'names']).execute(),
    scope.selectFrom('addons').select(['id', 'name', 'names']).execute(),
    scope.selectFrom('features').select(['key', 'name', 'names']).execute(),
  ]);
  return {
    plan: new Map(plans.map((p) => [p.key, p])),
    addon: new Map(addons.map((a) => [a.id, a])),
    feature: new Map(features.map((f) => [f.key, f])),
  };
}

function nameOfCatalog(names: CatalogNames): NameOf {
  return (ref, locale) => {
    const item = names[ref.kind].get(ref.ref);
    if (!item) return ref.name;
    return locale === 'en' ? item.name : (item.names[locale] ?? item.name);
  };
}

/** The drafts with every line's description in its payer's language. */
export async function localizeDrafts<D extends Pick<InvoiceDraft, 'lines' | 'locale'>>(
  scope: TenantScope,
  drafts: readonly D[],
): Promise<D[]> {
  const needs = (d: D) => d.locale !== undefined && d.locale !== 'en';
  const any = drafts.some((d) => d.lines.some((l) => l.text && (needs(d) || namesFeature(l.text))));
  if (!any) return [...drafts];
  const nameOf = nameOfCatalog(await catalogNames(scope));
  return drafts.map((d) => {
    const locale = lineLocaleOf(d.locale);
    const lines = d.lines.map((l): LineDraft => {
      if (!l.text || (locale === 'en' && !namesFeature(l.text))) return l;
      return { ...l, description: renderLineText(l.text, locale, nameOf) };
    });
    return { ...d, lines };
  });
}
