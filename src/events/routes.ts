import { Type } from 'typebox';
import { authorizedAccount } from '../accounts/accounts.ts';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { commonErrors } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { readScope } from '../platform/http/write.ts';
import { listEvents } from './events.ts';

const Event = Type.Object({
  id: Type.String(),
  object: Type.Literal('event'),
  type: Type.String({ examples: ['invoice.issued'] }),
  account: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  data: Type.Object({}, { additionalProperties: true }),
});

export const eventRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/events',
    {
      config: { portal: true },
      schema: {
        tags: ['Events'],
        operationId: 'listEvents',
        summary: 'Domain events, newest first',
        description:
          'What webhooks deliver, kept for reading back: filter by type or account. The payload of each type is in this document’s `webhooks` section.',
        querystring: Type.Object(
          {
            ...LIST_QUERY,
            type: Type.Optional(Type.String({ maxLength: 100 })),
            account: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: listSchema(Event), ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      let account = req.query.account;
      if (account) account = (await authorizedAccount(scope, req.actor, account, 'read')).id;
      else if (req.actor.type === 'user') account = req.actor.account_id;
      return listEvents(scope, { ...req.query, ...(account ? { account } : {}) });
    },
  );
};
