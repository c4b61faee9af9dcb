import { z } from 'zod';
import { defineTopic } from '../defineTopic';

/** Published by the worker when a job fails (the kind's own failure, a time-out or a poisoned message). */
export const jobFailed = defineTopic({
  name: 'job.failed',
  summary: 'When a job fails',
  description: 'Fires when a job ends failed. Carries the job envelope without its result.',
  builtIn: true,
  schema: z.object({
    id: z.string().describe('Job ID'),
    kind: z.string().describe('Job kind'),
    status: z.literal('failed').describe('Always failed'),
    progress: z.number().optional().describe('Progress (0 to 100)'),
    createdAt: z.string().describe('When the job was created'),
    updatedAt: z.string().describe('When the job last changed'),
    completedAt: z.string().optional().describe('When the job ended'),
    error: z.object({ status: z.number(), title: z.string(), detail: z.string() }).optional().describe('Why the job failed'),
  }),
});
