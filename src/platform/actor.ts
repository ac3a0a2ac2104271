import type { Role } from './db/schema.ts';

/**
 * Who does something: the vendor through a secret key, or — with `Allot-Acting-User` — one of its
 * customers' users, whose roles then decide what is allowed. History records it.
 */
export type Actor =
  | { type: 'key'; id: string }
  /** Allot itself: renewals, trial ends and other work that falls due. */
  | { type: 'system'; id: string }
  | {
      type: 'user';
      id: string;
      email: string;
      account_id: string;
      roles: Role[];
      /** The key the vendor acts with, or the portal session the user signed in with. */
      key_id: string;
      via?: 'portal';
    };

export function actorView(actor: Actor): Record<string, unknown> {
  return actor.type === 'user'
    ? actor.via === 'portal'
      ? {
          type: 'user',
          id: actor.id,
          email: actor.email,
          account_id: actor.account_id,
          via_portal_session: actor.key_id,
        }
      : {
          type: 'user',
          id: actor.id,
          email: actor.email,
          account_id: actor.account_id,
          via_key: actor.key_id,
        }
    : { type: actor.type, id: actor.id };
}

export const BILLING_ACTOR: Actor = { type: 'system', id: 'billing' };
