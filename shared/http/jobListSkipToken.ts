import { z } from 'zod';
import { Problem } from '../model/errors';
import type { JobListContinuation } from '../storage/JobStore';

// The `skiptoken` of a job list's nextLink: where the table's next page starts (a job id and the
// row key), as base64url JSON. It names no secret: ids are no capability, and the filters travel
// beside it in the nextLink, so a token moved to another query only starts that query elsewhere.

const skipTokenSchema = z.strictObject({
  p: z.string().regex(/^[0-9a-f]{32}$/),
  r: z.string().regex(/^[a-z]{1,16}$/).optional(),
});

const BAD_SKIPTOKEN = 'The skiptoken does not parse: pass it on as the nextLink gave it.';

/** The skiptoken that continues a list where `next` says. */
export function toJobListSkipToken(next: JobListContinuation): string {
  return Buffer.from(JSON.stringify({ p: next.partitionKey, ...(next.rowKey ? { r: next.rowKey } : {}) })).toString('base64url');
}

/** The continuation a skiptoken names; 400 when it is not one this app made. */
export function readJobListSkipToken(token: string): JobListContinuation {
  if (token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) throw new Problem(400, BAD_SKIPTOKEN);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new Problem(400, BAD_SKIPTOKEN);
  }
  const parsed = skipTokenSchema.safeParse(json);
  if (!parsed.success) throw new Problem(400, BAD_SKIPTOKEN);
  return { partitionKey: parsed.data.p, ...(parsed.data.r ? { rowKey: parsed.data.r } : {}) };
}
