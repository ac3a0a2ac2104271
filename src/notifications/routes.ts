import { Type } from 'typebox';
import { authorizedAccount } from '../accounts/accounts.ts';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { commonErrors } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { readScope } from '../platform/http/write.ts';
import { listEmails } from './emails.ts';

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
  text: Type.String(),
  status: Status,
  attempts: Type.Integer(),
  last_error: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  sent_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const notificationRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/emails',
    {
      config: { portal: true },
      schema: {
        tags: ['Notifications'],
        summary: 'E-mails to account managers, newest first',
        description:
          'Quota warnings and exhaustion, seats running out and trials ending e-mail the account’s owners and ' +
          'subscription managers in the account’s language. Sent over SMTP when ALLOT_SMTP_URL is set ' +
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
      return listEmails(scope, { ...req.query, ...(account ? { account } : {}) });
    },
  );
};
