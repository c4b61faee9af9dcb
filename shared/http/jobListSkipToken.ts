import { z } from 'zod';
import { Problem } from '../model/errors';
import type { JobListContinuation } from '../storage/JobStore';

// The `skiptoken` of a job list's nextLink: where the table's next page starts (the service's
// opaque next partition and row keys, which encode a job id and its row key), as base64url JSON.
// It names no secret: ids are no capability, and the filters travel beside it in the nextLink, so a
// token moved to another query only starts that query elsewhere within that query's range.

// NOTE: the continuation headers are opaque to clients (x-ms-continuation-NextPartitionKey and
// -NextRowKey, Query Timeout and Pagination, Table service REST docs): only their size and
// characters are checked (the service's encoding, e.g. `1!48!ZmU2…`, is base64 with `!` separators).
const continuationKey = z.string().min(1).max(512).regex(/^[A-Za-z0-9!+/=_-]+$/);
const skipTokenSchema = z.strictObject({ p: continuationKey, r: continuationKey.optional() });

const BAD_SKIPTOKEN = 'The skiptoken does not parse: pass it on as the nextLink gave it.';

/** The skiptoken that continues a list where `next` says. */
export function toJobListSkipToken(next: JobListContinuation): string {
  return Buffer.from(JSON.stringify({ p: next.partitionKey, ...(next.rowKey ? { r: next.rowKey } : {}) })).toString('base64url');
}

/** The continuation a skiptoken names; 400 when it is not one this app made. */
export function readJobListSkipToken(token: string): JobListContinuation {
  if (token.length > 1500 || !/^[A-Za-z0-9_-]+$/.test(token)) throw new Problem(400, BAD_SKIPTOKEN);
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
