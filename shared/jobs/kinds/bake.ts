import { z } from 'zod';
import { defineJob } from '../defineJob';
import { JobError } from '../../model/errors';

/** Past this many minutes a cake burns: the demo of a job failing with a 4xx of its choice. */
export const BURN_AFTER_MINUTES = 180;

/** The checkpointed state of a bake: minutes already baked. */
interface BakeState {
  readonly baked: number;
}

/**
 * The demo of the documentation's bakery analogy: bakes for `minutes`, one checkpoint a minute,
 * reporting progress. `secondsPerMinute` sets the oven's speed so demos and tests need not wait.
 * Past 180 minutes the cake burns and the job fails with 422 (JobError).
 */
export const bake = defineJob<
  { flavor: 'chocolate' | 'vanilla' | 'lemon'; minutes: number; secondsPerMinute: number },
  { flavor: string; minutes: number; bakedAt: string },
  BakeState
>({
  name: 'bake',
  summary: 'Bake a cake',
  description: 'Bakes a cake for the given minutes, reporting progress each minute; past 180 minutes it burns. The demo job kind.',
  input: z.object({
    flavor: z.enum(['chocolate', 'vanilla', 'lemon']).describe('The cake flavor'),
    minutes: z.number().int().min(0).max(600).describe('Baking minutes'),
    secondsPerMinute: z.number().min(0).max(60).default(60).describe('Real seconds per baking minute (60 by default)'),
  }),
  output: z.object({
    flavor: z.string().describe('The cake flavor'),
    minutes: z.number().describe('Minutes baked'),
    bakedAt: z.string().describe('When the cake came out of the oven'),
  }),
  pollAfterSeconds: 5,
  async run(input, ctx) {
    for (let baked = ctx.state?.baked ?? 0; baked < input.minutes; ) {
      await sleep(input.secondsPerMinute * 1000, ctx.signal);
      baked++;
      if (baked > BURN_AFTER_MINUTES) throw new JobError(422, `The cake burned: nothing bakes longer than ${BURN_AFTER_MINUTES} minutes.`, 'Cake burned');
      await ctx.checkpoint({ baked }, Math.round((baked / input.minutes) * 100), `Baked ${baked} of ${input.minutes} minutes`);
    }
    return { flavor: input.flavor, minutes: input.minutes, bakedAt: new Date().toISOString() };
  },
});

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
