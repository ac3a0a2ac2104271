/** `allot portal link`: a one-time link that signs a user in to the portal of a running Allot. */
import type { Command } from 'commander';
import type { Locale, PortalPage } from '../../sdk/types.ts';
import { connect, targetOf, withApiOptions } from './api.ts';
import { Failed } from './errors.ts';

export function registerPortal(program: Command): void {
  const portal = program.command('portal').description('The customers’ portal.');
  withApiOptions(
    portal
      .command('link')
      .description(
        'Print a one-time link that signs a user in to the portal of a running Allot (good for 5 minutes).',
      )
      .requiredOption('-a, --account <account>', 'the account (id or external_id)')
      .requiredOption('-u, --user <user>', 'the user who signs in (id or external_id)')
      .option('-l, --locale <locale>', 'en, fr or de (default: the account’s)')
      .option(
        '--page <page>',
        'the page to land on: plans, licences, packs, users, invoices, history, subscribe',
      )
      .option('--return-url <url>', 'where “Back to the application” leads'),
  ).action(
    async (
      opts: { account: string; user: string; locale?: string; page?: string; returnUrl?: string },
      command: Command,
    ) => {
      const api = connect(targetOf(command));
      try {
        const session = await api.client.portalSessions.create({
          account: opts.account,
          user: opts.user,
          ...(opts.locale ? { locale: opts.locale as Locale } : {}),
          ...(opts.page ? { page: opts.page as PortalPage } : {}),
          ...(opts.returnUrl ? { return_url: opts.returnUrl } : {}),
        });
        process.stdout.write(`${session.url}\n`);
      } catch (error) {
        throw new Failed('No link:', error);
      }
    },
  );
}
