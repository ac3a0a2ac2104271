import { Type } from 'typebox';
import { creditBalancesOf } from '../billing/credit.ts';
import { listAccountHistory } from '../history/history.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { LIST_QUERY, listSchema } from '../platform/http/pagination.ts';
import { commonErrors, IdParam } from '../platform/http/schemas.ts';
import type { RouteModule } from '../platform/http/server.ts';
import { created, ok, readScope, runWrite } from '../platform/http/write.ts';
import { addUser, changeUser } from '../seats/user-seats.ts';
import { scheduleAccountBillingPeriod } from '../subscriptions/change.ts';
import {
  type AccountView,
  authorizedAccount,
  createAccount,
  listAccounts,
  updateAccount,
  viewAccount,
} from './accounts.ts';
import {
  Account,
  AccountCreate,
  AccountPatch,
  HistoryEntry,
  User,
  UserCreate,
  UserPatch,
} from './schemas.ts';
import { deleteUser, getUser, listUsers, viewUser } from './users.ts';

const tags = ['Accounts'];
const userTags = ['Users'];
const UserParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  uid: Type.String({ minLength: 1, maxLength: 200 }),
});

/** Accounts as the API shows them, with their credit balance (the billing module's). */
async function withCredit<T extends AccountView>(scope: TenantScope, views: T[]): Promise<T[]> {
  const balances = await creditBalancesOf(
    scope,
    views.map((v) => v.id),
  );
  return views.map((v) => ({ ...v, credit_balance: balances.get(v.id) ?? 0 }));
}

export const accountRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/accounts',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'createAccount',
        summary: 'Create an account',
        description:
          'partner → customer → site. A child takes its parent’s currency, time zone, locale, billing period and test clock unless given. A customer’s user (a partner’s or a customer’s subscription manager) may create accounts below its own, choosing name, time zone, locale and billing period (S10); they are billed as their siblings are: to the parent, on the basis in force for the latest of them, from today, when the parent pays for them.',
        body: AccountCreate,
        response: { 201: Account, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        created(await createAccount(w.scope, w.actor, req.body, ctx.clock)),
      ),
  );
  app.get(
    '/accounts',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'listAccounts',
        summary: 'List accounts',
        description: 'Newest first, paginated with `starting_after`; filter by parent, external id or kind.',
        querystring: Type.Object(
          {
            ...LIST_QUERY,
            parent_id: Type.Optional(Type.String({ maxLength: 200 })),
            external_id: Type.Optional(Type.String({ maxLength: 200 })),
            kind: Type.Optional(
              Type.Union([Type.Literal('partner'), Type.Literal('customer'), Type.Literal('site')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: listSchema(Account), ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      const page = await listAccounts(scope, req.actor, req.query);
      return { ...page, data: await withCredit(scope, page.data) };
    },
  );
  app.get(
    '/accounts/:id',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'getAccount',
        summary: 'Get an account (by id or external_id)',
        description: 'By its id (`acct_…`) or the `external_id` your application gave it.',
        params: IdParam,
        response: { 200: Account, ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      const [view] = await withCredit(scope, [
        viewAccount(await authorizedAccount(scope, req.actor, req.params.id, 'read')),
      ]);
      return view;
    },
  );
  app.patch(
    '/accounts/:id',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'updateAccount',
        summary: 'Change an account',
        description:
          "A new `billing_period` (the customer's billing cycle, S10) is scheduled on the live subscriptions of the account and of its sites, effective at each one's next cycle.",
        params: IdParam,
        body: AccountPatch,
        response: { 200: Account, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) => {
        const before = await authorizedAccount(w.scope, w.actor, req.params.id, 'read');
        const after = await updateAccount(w.scope, w.actor, req.params.id, req.body, ctx.clock);
        if (req.body.billing_period !== undefined && req.body.billing_period !== before.billing_period)
          await scheduleAccountBillingPeriod(w.scope, w.actor, after.id, req.body.billing_period, ctx.clock);
        return ok((await withCredit(w.scope, [after]))[0]);
      }),
  );
  app.get(
    '/accounts/:id/history',
    {
      config: { portal: true },
      schema: {
        tags,
        operationId: 'listAccountHistory',
        summary: "The account's history",
        description:
          'Every change to the account, its subscriptions and its users: who, when, before and after. Newest first.',
        params: IdParam,
        querystring: Type.Object(LIST_QUERY, { additionalProperties: false }),
        response: { 200: listSchema(HistoryEntry), ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      const account = await authorizedAccount(scope, req.actor, req.params.id, 'read');
      return listAccountHistory(scope, account.id, req.query);
    },
  );

  app.post(
    '/accounts/:id/users',
    {
      config: { portal: true },
      schema: {
        tags: userTags,
        operationId: 'createUser',
        summary: 'Add a user',
        description:
          'An active user with a seat role takes a seat: refused with `seats_exhausted` when every seat of the account is used.',
        params: IdParam,
        body: UserCreate,
        response: { 201: User, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        created(await addUser(w.scope, w.actor, req.params.id, req.body, ctx.clock)),
      ),
  );
  app.get(
    '/accounts/:id/users',
    {
      config: { portal: true },
      schema: {
        tags: userTags,
        operationId: 'listUsers',
        summary: "List an account's users",
        description: 'Newest first, paginated with `starting_after`.',
        params: IdParam,
        querystring: Type.Object(
          {
            ...LIST_QUERY,
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('deactivated')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: listSchema(User), ...commonErrors },
      },
    },
    async (req) => listUsers(readScope(ctx, req), req.actor, req.params.id, req.query),
  );
  app.get(
    '/accounts/:id/users/:uid',
    {
      config: { portal: true },
      schema: {
        tags: userTags,
        operationId: 'getUser',
        summary: 'Get a user',
        description: 'By its id (`user_…`) or its `external_id`.',
        params: UserParams,
        response: { 200: User, ...commonErrors },
      },
    },
    async (req) => {
      const scope = readScope(ctx, req);
      const account = await authorizedAccount(scope, req.actor, req.params.id, 'read');
      return viewUser(await getUser(scope, account.id, req.params.uid));
    },
  );
  app.patch(
    '/accounts/:id/users/:uid',
    {
      config: { portal: true },
      schema: {
        tags: userTags,
        operationId: 'updateUser',
        summary: 'Change a user',
        description:
          'Name, e-mail, role or status; activating a user takes a seat and may be refused with `seats_exhausted`.',
        params: UserParams,
        body: UserPatch,
        response: { 200: User, ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await changeUser(w.scope, w.actor, req.params.id, req.params.uid, req.body, ctx.clock)),
      ),
  );
  app.delete(
    '/accounts/:id/users/:uid',
    {
      schema: {
        tags: userTags,
        operationId: 'deleteUser',
        summary: 'Remove a user',
        description: 'The user’s seat is freed at once; its history stays.',
        params: UserParams,
        response: { 200: Type.Object({ ...User.properties, deleted: Type.Literal(true) }), ...commonErrors },
      },
    },
    (req, reply) =>
      runWrite(ctx, req, reply, async (w) =>
        ok(await deleteUser(w.scope, w.actor, req.params.id, req.params.uid, ctx.clock)),
      ),
  );
};
