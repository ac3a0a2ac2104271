import type { AppContext } from '../platform/context.ts';
import type { AppServer } from '../platform/http/server.ts';
import { type PortalPage, pagePath } from '../portal/sessions.ts';
import { escapeHtml } from './html.ts';

/**
 * Where a link to Allot's own portal begins in a stored e-mail. E-mails are written in their event's
 * transaction, which knows the tenant but not the address customers reach Allot at (ALLOT_PUBLIC_URL,
 * else the server's): that is filled in when the e-mail is sent, or shown by the API. Never in a
 * value (`compose` takes it out of names), so only the links hold it.
 */
export const PORTAL_BASE = '{{allot_portal}}';

/**
 * The address of the portal page that acts on an e-mail: the vendor's page that opens the portal for
 * its signed-in user (`tenant_settings.portal_url`, with `page=`), else Allot's portal page, where a
 * signed-out visitor is told to open the portal from the application.
 */
export function portalLink(vendorPortalUrl: string | null, page: PortalPage): string {
  if (vendorPortalUrl) {
    try {
      const url = new URL(vendorPortalUrl);
      url.searchParams.set('page', page);
      return url.toString();
    } catch {
      // Not a URL: Allot's own page rather than no e-mail (it is written in the event's transaction).
    }
  }
  return `${PORTAL_BASE}${pagePath(page)}`;
}

/** A stored e-mail with Allot's address filled in. */
export function withBase<T extends { text: string; html: string | null; link: string | null }>(
  mail: T,
  base: string,
): T {
  if (!mail.link?.startsWith(PORTAL_BASE)) return mail;
  const root = base.replace(/\/+$/, '');
  return {
    ...mail,
    text: mail.text.replaceAll(PORTAL_BASE, root),
    html: mail.html?.replaceAll(PORTAL_BASE, escapeHtml(root)) ?? null,
    link: mail.link.replaceAll(PORTAL_BASE, root),
  };
}

const servers = new WeakMap<AppContext, AppServer>();

/** Lets the sender find the address the server listens at (the routes are given both). */
export function knowServer(ctx: AppContext, app: AppServer): void {
  servers.set(ctx, app);
}

/** Allot's address for e-mails sent by this process: ALLOT_PUBLIC_URL, else where the server listens. */
export function allotAddress(ctx: AppContext): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl;
  const address = servers.get(ctx)?.server.address();
  const [host, port] =
    address && typeof address === 'object'
      ? [address.address, address.port]
      : [ctx.config.host, ctx.config.port];
  const named = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${named.includes(':') ? `[${named}]` : named}:${port}`;
}
