import { z } from 'zod';
import { defineTopic } from '../defineTopic';

/** The web-store example of the Power Platform documentation: a new order. */
export const orderCreated = defineTopic({
  name: 'order.created',
  summary: 'When an order is created',
  description: 'Fires when the store publishes a new order.',
  schema: z.object({
    id: z.number().int().describe('Order ID'),
    order_key: z.string().min(1).max(200).describe('Order key'),
    status: z.string().min(1).max(50).describe('Order status'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR').describe('Currency'),
    date_created: z.string().min(1).max(40).describe('When the order was created'),
    total: z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal amount such as "29.35"').describe('Order total'),
  }),
});
