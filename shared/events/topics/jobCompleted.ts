import { z } from 'zod';
import { defineTopic } from '../defineTopic';

/** Published by the worker whenever a job becomes terminal: the envelope without the result body. */
export const jobCompleted = defineTopic({
  name: 'job.completed',
  summary: 'When a job completes',
  description: 'Fires when a job ends: succeeded, failed or cancelled. Carries the job envelope without its result.',
  builtIn: true,
  schema: z.object({
    id: z.string().describe('Job ID'),
    kind: z.string().describe('Job kind'),
    status: z.enum(['succeeded', 'failed', 'cancelled']).describe('How the job ended'),
    progress: z.number().optional().describe('Progress (0 to 100)'),
    createdAt: z.string().describe('When the job was created'),
    updatedAt: z.string().describe('When the job last changed'),
    completedAt: z.string().optional().describe('When the job ended'),
    error: z
      .object({ status: z.number(), title: z.string(), detail: z.string() })
      .optional()
      .describe('Why the job failed or was cancelled'),
  }),
});
