import { Type } from 'typebox';
import { components } from '../platform/http/components.ts';
import { Timestamp } from '../platform/http/schemas.ts';
import { ALL_EVENTS, EVENT_TYPES } from './event-types.ts';
import { SECRET_PATTERN } from './secrets.ts';

/** The webhook routes' schemas, shared by the endpoint and the delivery routes. */
export const tags = ['Webhooks'];

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

export const Url = Type.String({
  format: 'uri',
  pattern: '^[hH][tT][tT][pP][sS]?://',
  maxLength: 2048,
  description: 'An http(s) URL.',
  examples: ['https://example.com/allot/webhooks'],
});

const EventFilter = Type.Union([Type.Literal(ALL_EVENTS), ...EVENT_TYPES.map((t) => Type.Literal(t))], {
  description: 'An event type, or `*` for every type.',
});

export const eventFilters = (description: string, defaults?: string[]) =>
  Type.Array(EventFilter, {
    minItems: 1,
    maxItems: 100,
    uniqueItems: true,
    description,
    ...(defaults ? { default: defaults } : {}),
  });

export const EndpointStatus = Type.Union([Type.Literal('enabled'), Type.Literal('disabled')]);

export const SecretInput = Type.String({
  pattern: SECRET_PATTERN,
  maxLength: 6 + 88,
  description:
    'The signing secret, per Standard Webhooks: `whsec_` and the base64 of 24 to 64 random bytes. ' +
    'Generated when not given.',
  examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
});

export const Endpoint = Type.Object({
  id: Type.String({ examples: ['we_01jd8x5n6qf3r9v2w4y7z0a1b2'] }),
  object: Type.Literal('webhook_endpoint'),
  url: Type.String(),
  events: Type.Array(Type.String(), { examples: [['invoice.issued', 'invoice.paid']] }),
  status: EndpointStatus,
  disabled_reason: Nullable(Type.String()),
  previous_secret_expires_at: Nullable(
    Timestamp('While the secret replaced by the last rotation still signs deliveries too: until when.'),
  ),
  created_at: Timestamp(),
  updated_at: Timestamp(),
});

/** An endpoint with its signing secret: the answers to create and rotate_secret, the only ones showing it. */
export const EndpointWithSecret = Type.Object({
  ...Endpoint.properties,
  secret: Type.String({ description: 'The signing secret, shown in this answer only.' }),
});

const Attempt = Type.Object({
  attempt: Type.Integer(),
  at: Timestamp(),
  status_code: Nullable(Type.Integer()),
  duration_ms: Type.Integer(),
  error: Nullable(Type.String()),
  trigger: Type.Union([Type.Literal('scheduled'), Type.Literal('manual')], {
    description: '`manual`: made because the vendor asked for a retry.',
  }),
});

export const DeliveryStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('succeeded'),
  Type.Literal('failed'),
]);

export const Delivery = Type.Object({
  id: Type.String(),
  object: Type.Literal('webhook_delivery'),
  endpoint: Type.String(),
  event: Type.String({ description: 'The event id, sent as `webhook-id`.' }),
  event_type: Nullable(Type.String()),
  status: DeliveryStatus,
  attempt_count: Type.Integer(),
  next_attempt_at: Nullable(Timestamp()),
  last_status_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  created_at: Timestamp(),
  delivered_at: Nullable(Timestamp()),
  attempts: Type.Array(Attempt),
});

components({
  WebhookEndpoint: Endpoint,
  WebhookEndpointWithSecret: EndpointWithSecret,
  WebhookAttempt: Attempt,
  WebhookDelivery: Delivery,
});
