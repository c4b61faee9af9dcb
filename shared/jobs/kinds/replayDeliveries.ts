import { z } from 'zod';
import { defineJob, type JobKind } from '../defineJob';
import { replayOnce } from '../../delivery/replayDelivery';
import type { DeliveryDeps } from '../../delivery/runDelivery';
import type { DeliveryLog } from '../../storage/DeliveryLog';

/** The kind's name; it is not in the catalog: POST /api/manage/replays starts it, not /api/jobs/{kind}. */
export const REPLAY_KIND = 'deliveries.replay';

/** The widest range one replay covers (31 days): the delivery log keeps LONGRUN_RETENTION_DAYS anyway. */
export const MAX_REPLAY_RANGE_MS = 31 * 86_400_000;

/** Dead deliveries read per page, and per checkpoint. */
const PAGE_SIZE = 100;

const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 time');
const key = z.string().min(1).max(200).regex(/^[\w.:-]+$/, 'expected letters, digits, ".", ":", "_" or "-"');

/** What a replay names: dead deliveries that died in [from, to), optionally of one topic, hook (URL key) or job. */
export const replayInputSchema = z
  .object({ from: instant, to: instant, topic: key.optional(), hookId: key.optional(), jobId: key.optional() })
  .strict()
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: 'from must be before to', path: ['from'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_REPLAY_RANGE_MS, { message: 'the range is longer than 31 days', path: ['to'] });

export type ReplayInput = z.infer<typeof replayInputSchema>;

const replayOutputSchema = z.object({
  replayed: z.number().int().describe('Dead deliveries sent again by this replay'),
  skipped: z.number().int().describe('Deliveries found no longer dead (replayed already, or delivered)'),
  scanned: z.number().int().describe('Log rows read'),
});

type ReplayOutput = z.infer<typeof replayOutputSchema>;

/** Where a replay stands: the log's continuation and the counts so far. */
interface ReplayState extends ReplayOutput {
  readonly continuation?: string;
}

/**
 * The replay of every dead delivery of a time range, as a job (ARCHITECTURE.md §2): pages through
 * the delivery log's `dead` rows of the range (newest first), sends each delivery that is still
 * dead again (replayDelivery: an ETag-conditional move to pending, so a delivery is replayed once
 * however many replays cover it) and checkpoints after each page, so a crash resumes at its page.
 * Progress is how far back in the range it has read.
 */
export function toReplayDeliveriesKind(deps: { readonly log: DeliveryLog; readonly deliveries: Pick<DeliveryDeps, 'store' | 'queue' | 'onStateChange'> }): JobKind<ReplayInput, ReplayOutput, ReplayState> {
  return defineJob<ReplayInput, ReplayOutput, ReplayState>({
    name: REPLAY_KIND,
    summary: 'Replay dead deliveries',
    description: 'Sends every delivery that died in a time range again, once.',
    input: replayInputSchema,
    output: replayOutputSchema,
    pollAfterSeconds: 2,
    async run(input, ctx) {
      const from = Date.parse(input.from);
      const to = Date.parse(input.to);
      const query = { state: 'dead' as const, from, to, ...pick(input) };
      let state: ReplayState = ctx.state ?? { replayed: 0, skipped: 0, scanned: 0 };
      for (;;) {
        const page = await deps.log.page(query, PAGE_SIZE, state.continuation);
        let { replayed, skipped, scanned } = state;
        for (const id of new Set(page.entries.map((e) => e.deliveryId))) {
          const outcome = await replayOnce(deps.deliveries, id, { only: ['dead'] });
          if (outcome?.replayed) replayed++;
          else skipped++;
        }
        scanned += page.entries.length;
        const oldest = page.entries[page.entries.length - 1]?.at ?? to;
        if (!page.continuation) return { replayed, skipped, scanned };
        state = { replayed, skipped, scanned, continuation: page.continuation };
        await ctx.checkpoint(state, Math.min(99, Math.max(0, Math.floor(((to - oldest) / (to - from)) * 100))));
      }
    },
  });
}

function pick(input: ReplayInput): { topic?: string; hookId?: string; jobId?: string } {
  return {
    ...(input.topic !== undefined ? { topic: input.topic } : {}),
    ...(input.hookId !== undefined ? { hookId: input.hookId } : {}),
    ...(input.jobId !== undefined ? { jobId: input.jobId } : {}),
  };
}
