import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { TenantScope } from '../platform/db/tenant-scope.ts';
import { findBootstrapTenant } from '../tenants/tenants.ts';
import { securePages } from './page-security.ts';

/** The demo workspace's table and key, as `loadDemo` makes them. */
export const DEMO_TABLE = 'orbitdesk';
export const DEMO_KEY_NAME = 'Demo web site';

const PAGE = {
  en: {
    title: 'OrbitDesk pricing',
    lead: 'The demo workspace’s pricing table, as a vendor’s web site shows it with one script and one element.',
    how: 'On your own page',
    missing: 'The demo workspace is not loaded here (ALLOT_DEMO=0, or its table or key was removed).',
  },
  fr: {
    title: 'Tarifs OrbitDesk',
    lead: 'La grille tarifaire de l’espace de démonstration, telle que le site d’un éditeur l’affiche avec un script et un élément.',
    how: 'Sur votre propre page',
    missing:
      'L’espace de démonstration n’est pas chargé ici (ALLOT_DEMO=0, ou sa grille ou sa clé a été supprimée).',
  },
  de: {
    title: 'OrbitDesk-Preise',
    lead: 'Die Preistabelle des Demo-Arbeitsbereichs, wie die Website eines Anbieters sie mit einem Skript und einem Element zeigt.',
    how: 'Auf Ihrer eigenen Seite',
    missing:
      'Der Demo-Arbeitsbereich ist hier nicht geladen (ALLOT_DEMO=0, oder seine Tabelle oder sein Schlüssel wurde entfernt).',
  },
} as const;
type Lang = keyof typeof PAGE;

const CSS = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; background: #f6f7f9; }
body { margin: 0; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem; }
header h1 { margin: 0 0 .25rem; font-size: 2rem; }
header p { margin: 0; color: #4a5260; max-width: 44rem; }
nav { display: flex; gap: .75rem; margin-top: 1rem; }
nav a { color: #1d4ed8; }
nav a[aria-current="page"] { font-weight: 700; color: #1b1f24; text-decoration: none; }
footer h2 { font-size: 1.1rem; }
pre { background: #1b1f24; color: #f6f7f9; padding: 1rem; border-radius: .5rem; overflow-x: auto; font-size: .85rem; }
.missing { background: #fff4e5; border: 1px solid #f0b357; padding: 1rem; border-radius: .5rem; }
`;

const htmlText = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The publishable key and table of the demo workspace, if this Allot holds it. */
async function demoTable(ctx: AppContext): Promise<{ key: string; table: string } | null> {
  const tenant = await findBootstrapTenant(ctx.db.kysely);
  if (!tenant) return null;
  const scope = new TenantScope(tenant.id, ctx.db.kysely);
  const table = await scope
    .selectFrom('pricing_tables')
    .select('key')
    .where('key', '=', DEMO_TABLE)
    .where('published', '=', true)
    .executeTakeFirst();
  const key = await scope
    .selectFrom('api_keys')
    .select('token')
    .where('kind', '=', 'publishable')
    .where('name', '=', DEMO_KEY_NAME)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return table && key?.token ? { key: key.token, table: table.key } : null;
}

function demoPage(lang: Lang, demo: { key: string; table: string } | null, origin: string): string {
  const t = PAGE[lang];
  const langs = (['en', 'fr', 'de'] as const)
    .map(
      (l) =>
        `<a href="/embed/demo?locale=${l}"${l === lang ? ' aria-current="page"' : ''} lang="${l}">${l.toUpperCase()}</a>`,
    )
    .join('');
  const element = demo
    ? `<allot-pricing-table publishable-key="${htmlText(demo.key)}" table="${htmlText(demo.table)}" locale="${lang}"></allot-pricing-table>`
    : `<p class="missing">${htmlText(t.missing)}</p>`;
  const snippet = `<script type="module" src="${origin}/embed/pricing-table.js"></script>
<allot-pricing-table
  publishable-key="${demo?.key ?? 'pk_…'}"
  table="${demo?.table ?? DEMO_TABLE}"
  locale="${lang}"></allot-pricing-table>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(t.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/embed/demo.css">
<script type="module" src="/embed/pricing-table.js"></script>
</head>
<body>
<header><h1>${htmlText(t.title)}</h1><p>${htmlText(t.lead)}</p><nav aria-label="Language">${langs}</nav></header>
<main>${element}</main>
<footer><h2>${htmlText(t.how)}</h2><pre tabindex="0"><code>${htmlText(snippet)}</code></pre></footer>
</body>
</html>
`;
}

/**
 * `/embed/pricing-table.js`, the `<allot-pricing-table>` element a vendor's page loads from Allot
 * (any origin may load it: it is code, not data; the data needs a publishable key), and
 * `/embed/demo`, the demo workspace's table on a page of its own.
 */
export async function embedWeb(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const script = join(ctx.config.portalDir, 'embed', 'pricing-table.js');
  await app.register(async (embed) => {
    await securePages(embed, {
      frameAncestors: [],
      referrer: 'strict-origin-when-cross-origin',
      sharedResources: true,
    });

    embed.get('/embed/pricing-table.js', { schema: { hide: true } }, (_req, reply) => {
      if (!existsSync(script))
        return reply
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('The pricing table is not built: run `npm run build` (npm ci does it).');
      return reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=300')
        .type('text/javascript; charset=utf-8')
        .send(readFileSync(script));
    });

    embed.get('/embed/demo.css', { schema: { hide: true } }, (_req, reply) =>
      reply.header('cache-control', 'public, max-age=300').type('text/css; charset=utf-8').send(CSS),
    );

    embed.get<{ Querystring: { locale?: string } }>(
      '/embed/demo',
      { schema: { hide: true } },
      async (req, reply) => {
        const asked = req.query.locale;
        const lang: Lang = asked === 'fr' || asked === 'de' ? asked : 'en';
        const demo = await demoTable(ctx);
        return reply
          .status(demo ? 200 : 404)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(demoPage(lang, demo, `${req.protocol}://${req.host}`));
      },
    );
  });
}
