import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServerProcess } from './helpers/process.ts';

/** The first command shows the portal at once: `npm start` prints demo users' links; `allot portal link` makes more. */
const KEY = 'sk_portal_cli_0123456789abcdef';
let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

async function follow(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  const current = await fetch(new URL('/v1/portal_sessions/current', url), { headers: { cookie } });
  return { location: res.headers.get('location'), session: (await current.json()) as Record<string, any> };
}

describe('portal links from the command line', () => {
  it('prints one-time links for the demo users at start, each signing in as its user', async () => {
    server = await startServerProcess({
      ALLOT_DATA_DIR: 'memory://',
      ALLOT_BOOTSTRAP_KEY: KEY,
      ALLOT_DEMO: '1',
    });
    await expect
      .poll(() => /member \(French\)\s+http/.test(server!.output()), { timeout: 30_000 })
      .toBe(true);
    const links = [
      ...server.output().matchAll(/^ {2}(.+?)\s{2,}(http:\/\/\S+\/portal\/start\/pst_\w+)$/gm),
    ].map((m) => [m[1], m[2]]);
    expect(links.map(([who]) => who)).toEqual([
      'TeamWeave customer, owner (French)',
      'OrbitDesk trial, owner (English)',
      'Gestia ERP customer, owner (German)',
      'TeamWeave customer, member (French)',
    ]);
    const french = await follow(links[0]![1]!);
    expect(french.location).toBe('/portal/');
    expect(french.session).toMatchObject({
      locale: 'fr',
      user: { name: 'Camille Rousseau', roles: ['owner'] },
    });
    const member = await follow(links[3]![1]!);
    expect(member.session.user).toMatchObject({ name: 'Léa Fontaine', roles: ['member'] });
  });

  it('makes a link for any user, landing on the page asked for, and says why it cannot', async () => {
    const url = server!.url;
    const made = await runCli([
      'portal',
      'link',
      '--url',
      url,
      '--key',
      KEY,
      '--account',
      'demo-erp-mueller-schmidt',
      '--user',
      'demo-erp-ms-kmueller',
      '--locale',
      'de',
      '--page',
      'packs',
    ]);
    expect(made.code, made.stderr).toBe(0);
    const link = made.stdout.trim();
    expect(link).toMatch(/\/portal\/start\/pst_\w{40}$/);
    const opened = await follow(link);
    expect(opened.location).toBe('/portal/packs');
    expect(opened.session).toMatchObject({ locale: 'de', user: { name: 'Katrin Müller' } });
    const refused = await runCli([
      'portal',
      'link',
      '--url',
      url,
      '--key',
      KEY,
      '--account',
      'demo-erp-mueller-schmidt',
      '--user',
      'nobody',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/No link: .*nobody/);
  });
});
