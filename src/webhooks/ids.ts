import { typeidUnboxed } from 'typeid-js';

/**
 * Delivery ids (`wd_…`), time-sortable like every other id. Minted here because platform/ids.ts has no
 * kind for them yet; once it lists `webhookDelivery: 'wd'`, this becomes `newId('webhookDelivery')`.
 */
export const deliveryId = (): string => typeidUnboxed('wd');
