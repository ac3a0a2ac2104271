import type { AccountRow } from '../accounts/accounts.ts';
import { hasInvoices } from '../billing/invoiced.ts';
import type { TenantScope } from '../platform/db/tenant-scope.ts';
import { AllotError } from '../platform/errors.ts';

/**
 * The currency a subscription is billed in. An account bills in one currency; one with nothing
 * invoiced yet may still pick another its plan is priced in (S13: the customer chooses at checkout),
 * which then becomes the account's (accounts' `adoptCurrency`). Checked for a preview as for the write.
 */
export async function chooseCurrency(
  scope: TenantScope,
  account: AccountRow,
  requested: string | undefined,
  /** The trial being converted: it does not hold the account to its currency. */
  converting?: string,
): Promise<string> {
  const currency = requested ?? account.currency;
  if (currency === account.currency) return currency;
  const refuse = (why: string) =>
    new AllotError('validation_failed', `Invoices of ${account.name} are in ${account.currency}: ${why}.`, [
      { field: 'currency', message: `must be the account's currency, ${account.currency}: ${why}` },
    ]);
  if (await hasInvoices(scope, account.id)) throw refuse(`it was already invoiced in ${account.currency}`);
  let others = scope
    .selectFrom('subscriptions')
    .select('id')
    .where('account_id', '=', account.id)
    .where('status', 'in', ['active', 'trialing']);
  if (converting) others = others.where('id', '!=', converting);
  const other = await others.executeTakeFirst();
  if (other) throw refuse(`another subscription (${other.id}) is billed in it`);
  if (account.bill_to_parent) throw refuse('the account is billed to its parent, in its currency');
  return currency;
}
