import type { HttpRequest } from '@azure/functions';
import { Problem } from '../model/errors';
import { isTokenValid } from '../model/capabilityToken';
import { isJobId } from '../jobs/newJobId';
import type { JobStore, StoredJob } from '../storage/JobStore';

const NOT_FOUND = 'No job with this id and token.';

/**
 * Reads the job a status/cancel URL names and checks its token: 400 when the id does not parse,
 * 404 for an unknown id or a missing or wrong token (never saying which). One table read.
 */
export async function readJobAccess(request: HttpRequest, store: JobStore): Promise<{ stored: StoredJob; token: string }> {
  const id = request.params.id ?? '';
  if (!isJobId(id)) throw new Problem(400, 'The job id does not parse: expected 32 hexadecimal digits.');
  const token = request.query.get('token');
  if (!token) throw new Problem(404, NOT_FOUND);
  const stored = await store.get(id);
  if (!stored || !stored.job.tokenHashes.some((hash) => isTokenValid(token, hash))) throw new Problem(404, NOT_FOUND);
  return { stored, token };
}
