import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allot } from './api.ts';
import { usePortal } from './portal.tsx';

/**
 * The pages' reads, through TanStack Query: cached per key, refetched after a write invalidates them.
 * Keys start with the area they read, so a write invalidates what it changes and nothing else.
 */
const all = { limit: 100 } as const;

export const usePlans = () =>
  useQuery({ queryKey: ['catalog', 'plans'], queryFn: () => allot().plans.list(all) });
export const useAddons = () =>
  useQuery({ queryKey: ['catalog', 'addons'], queryFn: () => allot().addons.list(all) });
export const useFeatures = () =>
  useQuery({ queryKey: ['catalog', 'features'], queryFn: () => allot().features.list(all) });

export function useEntitlements() {
  const { account } = usePortal();
  return useQuery({
    queryKey: ['entitlements', account.id],
    queryFn: () => allot().entitlements.list(account.id),
  });
}

export function useInvoices() {
  const { account } = usePortal();
  return useQuery({
    queryKey: ['invoices', account.id],
    queryFn: () => allot().invoices.list({ account: account.id, limit: 100 }),
  });
}

/** The account's credit notes (CN-…): what downgrades, cancellations and voids credited. */
export function useCreditNotes() {
  const { account } = usePortal();
  return useQuery({
    queryKey: ['credit_notes', account.id],
    queryFn: () => allot().creditNotes.list({ account: account.id, limit: 100 }),
  });
}

/** One credit note, by id (null: none to read). */
export function useCreditNote(id: string | null) {
  return useQuery({
    queryKey: ['credit_notes', 'one', id],
    queryFn: () => allot().creditNotes.get(id!),
    enabled: id !== null,
  });
}

export function useUsers() {
  const { account } = usePortal();
  return useQuery({ queryKey: ['users', account.id], queryFn: () => allot().users.list(account.id, all) });
}

export function useHistory() {
  const { account } = usePortal();
  return useQuery({
    queryKey: ['history', account.id],
    queryFn: () => allot().accounts.history(account.id, all),
  });
}

export function useNotices() {
  const { account } = usePortal();
  return useQuery({
    queryKey: ['emails', account.id],
    queryFn: () => allot().emails.list({ account: account.id, limit: 10 }),
  });
}

/**
 * A write; afterwards everything it may have changed is read again — but not the catalog, and not
 * previews (query keys starting with `preview`): a preview of what was just done would be refused.
 */
export function useWrite<I, O>(write: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      client.invalidateQueries({
        predicate: (q) => q.queryKey[0] !== 'catalog' && !String(q.queryKey[0]).startsWith('preview'),
      }),
  });
}
