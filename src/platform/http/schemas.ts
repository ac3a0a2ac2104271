import { type TProperties, Type } from 'typebox';

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
