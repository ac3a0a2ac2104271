import type { Kysely } from 'kysely';
import type { Actor } from '../platform/actor.ts';
import type { Clock } from '../platform/clock/clock.ts';
import type { Database } from '../platform/db/schema.ts';
import { TenantScope } from '../platform/db/tenant-scope.ts';
import { createPortalSession } from '../portal/sessions.ts';

/** Who the first start opens the portal for: one user of each kind of customer the seeds describe. */
export const DEMO_PORTAL_USERS = [
  {
    who: 'TeamWeave customer, owner (French)',
    account: 'demo-tw-lumiere',
    user: 'demo-tw-lumiere-crousseau',
    locale: 'fr',
  },
  {
    who: 'OrbitDesk trial, owner (English)',
    account: 'demo-od-kestrel',
    user: 'demo-od-kestrel-amurphy',
    locale: 'en',
  },
  {
    who: 'Gestia ERP customer, owner (German)',
    account: 'demo-erp-mueller-schmidt',
    user: 'demo-erp-ms-kmueller',
    locale: 'de',
  },
  {
    who: 'TeamWeave customer, member (French)',
    account: 'demo-tw-lumiere',
    user: 'demo-tw-lumiere-lfontaine',
    locale: 'fr',
  },
] as const;

/** The start-up links live an hour (the API's live minutes): long enough to read the console first. */
export const DEMO_LINK_TTL_SECONDS = 60 * 60;

const ACTOR: Actor = { type: 'key', id: 'demo' };

/**
 * One-time portal links for the demo users, when the tenant holds the demo workspace (else none).
 * Each is a real portal session, recorded in history like any other.
 */
export async function demoPortalLinks(
  db: Kysely<Database>,
  tenantId: string,
  baseUrl: string,
  wall: Clock,
): Promise<{ who: string; url: string }[]> {
  const scope = new TenantScope(tenantId, db);
  const present = await scope
    .selectFrom('users')
    .select('external_id')
    .where(
      'external_id',
      'in',
      DEMO_PORTAL_USERS.map((u) => u.user),
    )
    .execute();
  const have = new Set(present.map((p) => p.external_id));
  const links: { who: string; url: string }[] = [];
  for (const d of DEMO_PORTAL_USERS) {
    if (!have.has(d.user)) continue;
    const session = await scope.transaction((tx) =>
      createPortalSession(
        tx,
        ACTOR,
        { account: d.account, user: d.user, locale: d.locale },
        wall,
        baseUrl,
        DEMO_LINK_TTL_SECONDS,
      ),
    );
    links.push({ who: d.who, url: session.url });
  }
  return links;
}
