import { newId } from '../platform/ids.ts';

/** Delivery ids (`wd_…`), time-sortable like every other id. */
export const deliveryId = (): string => newId('webhookDelivery');
