import { Type } from 'typebox';
import { HistoryEntry } from '../accounts/schemas.ts';
import { AllotError } from '../platform/errors.ts';
import { LIST_QUERY, listPage, listSchema } from '../platform/http/pagination.ts';
import { commonErrors } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { readScope } from '../platform/http/write.ts';
import { viewHistory } from './history.ts';

export const historyRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/history',
    {
      schema: {
        tags: ['History'],
        operationId: 'listHistory',
        summary: "The tenant's whole history",
        description:
          'Every write, newest first: catalog changes as well as accounts, users and subscriptions. For the vendor only.',
        querystring: Type.Object(
          {
            ...LIST_QUERY,
            subject_type: Type.Optional(Type.String({ maxLength: 50, examples: ['plan'] })),
            subject_id: Type.Optional(Type.String({ maxLength: 200 })),
            action: Type.Optional(Type.String({ maxLength: 100, examples: ['plan.version_created'] })),
          },
          { additionalProperties: false },
        ),
        response: { 200: listSchema(HistoryEntry), ...commonErrors },
      },
    },
    async (req) => {
      if (req.actor.type !== 'key')
        throw new AllotError(
          'forbidden',
          "The tenant's history is for the vendor; users see their account's.",
        );
      let q = readScope(ctx, req).selectFrom('history').selectAll();
      if (req.query.subject_type) q = q.where('subject_type', '=', req.query.subject_type);
      if (req.query.subject_id) q = q.where('subject_id', '=', req.query.subject_id);
      if (req.query.action) q = q.where('action', '=', req.query.action);
      const page = await listPage(q, 'id', req.query);
      return { data: page.data.map(viewHistory), has_more: page.has_more };
    },
  );
};
