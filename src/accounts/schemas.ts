import { Type } from 'typebox';
import { components } from '../platform/http/components.ts';
import { Body, PostalAddressSchema, Timestamp, VatNumber } from '../platform/http/schemas.ts';

const Locale = Type.Union([Type.Literal('en'), Type.Literal('fr'), Type.Literal('de')]);
const Kind = Type.Union([Type.Literal('partner'), Type.Literal('customer'), Type.Literal('site')]);
const Period = Type.Union([Type.Literal('month'), Type.Literal('year')]);
const Basis = Type.Array(
  Body({
    from: Type.String({ format: 'date', description: 'First day the basis applies (YYYY-MM-DD).' }),
    basis: Type.Union([Type.Literal('used'), Type.Literal('allocated')]),
  }),
  {
    maxItems: 100,
    description: 'Whether seats are billed on those used or those allocated, from each date on.',
  },
);
const ExternalId = Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]);
const Ref = Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]);

const accountFields = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Brasserie Lumière'] }),
  external_id: Type.Optional(ExternalId),
  parent_id: Type.Optional(Ref),
  kind: Type.Optional(Kind),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', examples: ['EUR'] })),
  timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, examples: ['Europe/Paris'] })),
  locale: Type.Optional(Locale),
  billing_period: Type.Optional(Period),
  bill_to_parent: Type.Optional(Type.Boolean()),
  billing_basis: Type.Optional(Basis),
  tax_rate_bps: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10_000, description: 'Tax rate in basis points: 2000 is 20 %.' }),
  ),
  test_clock: Type.Optional(Ref),
  legal_name: Type.Optional(
    Type.Union(
      [Type.String({ minLength: 1, maxLength: 200, examples: ['Brasserie Lumière SARL'] }), Type.Null()],
      {
        description: 'The registered name invoices are made out to (default: name).',
      },
    ),
  ),
  billing_address: Type.Optional(Type.Union([PostalAddressSchema, Type.Null()])),
  vat_number: Type.Optional(Type.Union([VatNumber, Type.Null()])),
};
export const AccountCreate = Body(accountFields);
const { kind: _k, name: _n, ...patchable } = accountFields;
export const AccountPatch = Body({ ...patchable, name: Type.Optional(accountFields.name) });

export const Account = Type.Object({
  id: Type.String(),
  object: Type.Literal('account'),
  name: Type.String(),
  external_id: Type.Union([Type.String(), Type.Null()]),
  parent_id: Type.Union([Type.String(), Type.Null()]),
  kind: Kind,
  currency: Type.String(),
  timezone: Type.String(),
  locale: Locale,
  billing_period: Period,
  bill_to_parent: Type.Boolean(),
  billing_basis: Type.Array(Type.Object({ from: Type.String(), basis: Type.String() })),
  tax_rate_bps: Type.Integer(),
  test_clock: Type.Union([Type.String(), Type.Null()]),
  legal_name: Type.Union([Type.String(), Type.Null()]),
  billing_address: Type.Union([PostalAddressSchema, Type.Null()]),
  vat_number: Type.Union([Type.String(), Type.Null()]),
  credit_balance: Type.Integer({
    description:
      'Credit from credit notes (a downgrade, a cancellation, a void), used by the next invoices (minor units).',
  }),
  created_at: Timestamp(),
  updated_at: Timestamp(),
});

const Role = Type.Union([
  Type.Literal('owner'),
  Type.Literal('subscription_manager'),
  Type.Literal('member'),
]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('deactivated')]);
const userFields = {
  email: Type.String({ format: 'email', maxLength: 320, examples: ['camille@lumiere.fr'] }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  external_id: Type.Optional(ExternalId),
  roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: 3, uniqueItems: true })),
  modules: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, uniqueItems: true }),
  ),
  status: Type.Optional(Status),
};
export const UserCreate = Body(userFields);
export const UserPatch = Body({
  ...userFields,
  email: Type.Optional(userFields.email),
  name: Type.Optional(userFields.name),
});
export const User = Type.Object({
  id: Type.String(),
  object: Type.Literal('user'),
  account: Type.String(),
  email: Type.String(),
  name: Type.String(),
  external_id: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Role),
  modules: Type.Array(Type.String()),
  status: Status,
  created_at: Timestamp(),
  updated_at: Timestamp(),
});

export const HistoryEntry = Type.Object({
  id: Type.String(),
  object: Type.Literal('history_entry'),
  at: Timestamp(),
  actor: Type.Object(
    {},
    { additionalProperties: true, description: '{ type: key, id } or { type: user, id, email, account_id }' },
  ),
  action: Type.String({ examples: ['user.created'] }),
  subject: Type.Object({ type: Type.String(), id: Type.String() }),
  account: Type.Union([Type.String(), Type.Null()]),
  before: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  after: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
});

components({
  Account,
  AccountCreate,
  AccountUpdate: AccountPatch,
  User,
  UserCreate,
  UserUpdate: UserPatch,
  HistoryEntry,
});
