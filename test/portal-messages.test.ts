import { readdirSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

/**
 * The portal's messages as react-intl reads them: every table of every page, in en, fr and de, is
 * ICU MessageFormat that parses; French keeps a no-break space before : ; ! ? and % without breaking
 * a number skeleton (`::percent`).
 */
const dirs = ['web/src/pages', 'web/src/components'];
const tables = await Promise.all(
  dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.messages.ts'))
      .map(async (f) => {
        const mod = (await import(/* @vite-ignore */ `../${dir}/${f}`)) as Record<
          string,
          { en: object; fr: object; de: object }
        >;
        return Object.values(mod);
      }),
  ),
);
const all = tables.flat();

describe('the portal’s messages', () => {
  it('parse as ICU in every language', () => {
    expect(all.length).toBeGreaterThan(8);
    let n = 0;
    for (const table of all)
      for (const locale of ['en', 'fr', 'de'] as const)
        for (const [key, text] of Object.entries(table[locale])) {
          expect(() => new IntlMessageFormat(text as string, locale), `${locale} ${key}`).not.toThrow();
          n++;
        }
    expect(n).toBeGreaterThan(300);
  });

  it('keep French typography without breaking number skeletons', async () => {
    const { plans } = await import('../web/src/pages/plans.messages.ts');
    const { common } = await import('../web/src/components/common.messages.ts');
    const saving = new IntlMessageFormat(plans.fr['plans.period.saving'], 'fr').format({ saving: 0.167 });
    expect(String(saving).replace(/[\u00a0\u202f]/g, ' ')).toBe('Économisez 17 %');
    const tax = new IntlMessageFormat(common.fr['lines.tax'], 'fr').format({ rate: 0.2 });
    expect(String(tax).replace(/[\u00a0\u202f]/g, ' ')).toBe('TVA (20 %)');
    const french = all.flatMap((t) => Object.values(t.fr) as string[]);
    expect(french.filter((text) => / [:;!?](?!:)/.test(text))).toEqual([]);
    expect(french.some((text) => text.includes('\u00a0:'))).toBe(true);
  });
});
