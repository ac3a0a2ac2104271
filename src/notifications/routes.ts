import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorizedAccount } from '../accounts/accounts.ts';
import type { AppContext } from '../platform/context.ts';
import { components } from '../platform/http/components.ts';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, readScope, runWrite } from '../platform/http/write.ts';
import { listEmails, resendEmail } from './emails.ts';
import { knowServer } from './links.ts';

const Status = Type.Union([
  Type.Literal('pending'),
  Type.Literal('sent'),
  Type.Literal('stored'),
  Type.Literal('failed'),
]);

const Email = Type.Object({
  id: Type.String(),
  object: Type.Literal('email'),
  event: Type.String({ description: 'The event that caused it.' }),
  type: Type.String({ examples: ['quota.warning'] }),
  account: Type.String(),
  user: Type.String({ description: 'The recipient: an owner or subscription manager of the account.' }),
  to: Type.String(),
  locale: Type.String({ examples: ['fr'] }),
  subject: Type.String(),
  text: Type.String({ description: 'The plain-text version.' }),
  html: Type.Union([Type.String(), Type.Null()], {
    description: 'The HTML version, sent beside the text (multipart/alternative); null for older e-mails.',
  }),
  link: Type.Union([Type.String(), Type.Null()], {
    description:
      'Its call to action: the portal page that acts on it (your `portal_url` with `page=`, else Allot’s portal).',
  }),
  resent_from: Type.Union([Type.String(), Type.Null()], {
    description: 'For a resend: the original e-mail.',
  }),
  status: Status,
  attempts: Type.Integer(),
  last_error: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  sent_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** Allot's address for portal links shown here: ALLOT_PUBLIC_URL, else the address this request reached. */
const baseOf = (ctx: AppContext, req: FastifyRequest) =>
  ctx.config.publicUrl ?? `${req.protocol}://${req.host}`;

components({ Email });

export const notificationRoutes: RouteModule = (app, ctx) => {
  // The sender (a job, no request) links to Allot's portal at the address the server listens at.
  knowServer(ctx, app);

  app.get(
    '/emails',
    {
      config: { portal: true },
      schema: {
        tags: ['Notifications'],
        operationId: 'listEmails',
        summary: 'E-mails to account managers, newest first',
        description:
          'Quota warnings and exhaustion, seats running out and trials ending e-mail the account’s owners and ' +
          'subscription managers in the account’s language, as text and HTML, from your legal name (or your ' +
          'tenant’s name), with a link to the portal page that acts on them. One consume that crosses several ' +
          'thresholds at once e-mails only the highest. Sent over SMTP when ALLOT_SMTP_URL is set ' +
          '(`sent`, retried with backoff, `failed` after a permanent refusal or the last try); otherwise kept ' +
          'here as `stored`. A user sees the e-mails of the accounts they may read.',
        querystring: Type.Object(
          {
            ...LIST_QUERY,
            account: Type.Optional(Type.String({ maxLength: 200 })),
            status: Type.Optional(Status),
          },
          { additionalProperties: false },
        ),
        response: { 200: listSchema(Email), ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      let account = req.query.account;
      if (account) account = (await authorizedAccount(scope, req.actor, account, 'read')).id;
      else if (req.actor.type === 'user') account = req.actor.account_id;
      return listEmails(scope, { ...req.query, ...(account ? { account } : {}) }, baseOf(ctx, req));
    },
  );

  app.post(
    '/emails/:id/resend',
    {
      schema: {
        tags: ['Notifications'],
        operationId: 'resendEmail',
        summary: 'Send an e-mail again',
        description:
          'Queues a new e-mail with the same content to the same recipient, sent like any other; its ' +
          '`resent_from` names the original. For the vendor only.',
        params: IdParam,
        response: { 201: Email, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        created(await resendEmail(w.scope, w.actor, req.params.id, ctx.clock, baseOf(ctx, req))),
      ),
  );
};
