// A small catalog for the generator's tests: independent of the real one, so tests pin the
// generator and not whichever kinds ship.
import { z } from 'zod';
import { defineTopic, type Topic } from '../../../shared/events/defineTopic';
import { defineJob, type JobKind } from '../../../shared/jobs/defineJob';

export const bakeKind = defineJob({
  name: 'bake',
  summary: 'Bake a cake',
  description: 'Bakes a cake for the given minutes',
  input: z.object({
    flavor: z.enum(['chocolate', 'vanilla']).describe('The cake flavor'),
    minutes: z.number().int().min(0).max(600),
    oven_temperature: z.number().gt(100).optional(),
    secondsPerMinute: z.number().min(0).default(60),
  }),
  output: z.object({ flavor: z.string(), bakedAt: z.iso.datetime(), note: z.string().nullable() }),
  async run(input) {
    return Promise.resolve({ flavor: input.flavor, bakedAt: new Date().toISOString(), note: null });
  },
}) as unknown as JobKind;

export const orderCreated = defineTopic({
  name: 'order.created',
  summary: 'When an order is created',
  schema: z.object({
    id: z.int(),
    order_key: z.string(),
    status: z.enum(['pending', 'processing', 'completed']),
    currency: z.string().length(3),
    date_created: z.iso.datetime(),
    total: z.string().describe('Order total, as a decimal string'),
  }),
}) as Topic;

/** A second kind, with a name that needs PascalCasing and a union that needs folding. */
export const orderSyncKind = defineJob({
  name: 'order.sync-v2',
  summary: 'Synchronize orders',
  input: z.object({
    since: z.iso.date().meta({ title: 'Since date' }),
    mode: z.union([z.literal('full'), z.literal('delta')]),
    shops: z.array(z.object({ shop_id: z.string() })).optional(),
  }),
  output: z.object({ synced: z.int().min(0), skipped: z.int().min(0) }),
  async run() {
    return Promise.resolve({ synced: 0, skipped: 0 });
  },
}) as unknown as JobKind;

/** A second topic. */
export const invoicePaid = defineTopic({
  name: 'invoice.paid',
  summary: 'When an invoice is paid',
  schema: z.object({ invoice_id: z.string(), amount: z.number(), paid_at: z.iso.datetime() }),
}) as Topic;

/** A kind whose summary breaks the connector rules (ends with a period). */
export function kindWithSummary(summary: string): JobKind {
  return defineJob({
    name: 'tidy',
    summary,
    input: z.object({}),
    output: z.object({}),
    async run() {
      return Promise.resolve({});
    },
  });
}

/** The fixture catalog. */
export const fixtureKinds: readonly JobKind[] = [bakeKind];
export const fixtureTopics: readonly Topic[] = [orderCreated];
