import { type TProperties, Type } from 'typebox';
import { components } from './components.ts';

/** A write body: unknown fields are refused, never silently dropped (no mass assignment). */
export function Body<P extends TProperties>(properties: P, options: { description?: string } = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ examples: ['validation_failed'] }),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details (application/problem+json).' },
);

/** Error answers every authenticated route may give, for the OpenAPI document. */
export const commonErrors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

export const Timestamp = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });

export const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** A postal address, as invoices print it and EN 16931 carries it (country: ISO 3166-1 alpha-2). */
export const PostalAddressSchema = Type.Object(
  {
    line1: Type.String({ minLength: 1, maxLength: 200, examples: ['12 rue de la République'] }),
    line2: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    postal_code: Type.String({ minLength: 1, maxLength: 20, examples: ['69002'] }),
    city: Type.String({ minLength: 1, maxLength: 100, examples: ['Lyon'] }),
    region: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    country: Type.String({
      pattern: '^[A-Z]{2}$',
      // The code list EN 16931 takes (countries.ts): an e-invoice with another code is refused.
      format: 'country',
      examples: ['FR'],
      description: 'ISO 3166-1 alpha-2.',
    }),
  },
  { additionalProperties: false },
);

/** A VAT identification number: its country's two letters and 2 to 13 characters (FR40303265045). */
export const VatNumber = Type.String({
  pattern: '^[A-Z]{2}[0-9A-Za-z+*.]{2,13}$',
  examples: ['FR40303265045'],
  description: 'With its country prefix, no spaces.',
});

components({ PostalAddress: PostalAddressSchema });
