import type { HttpRequest } from '@azure/functions';
import { Problem } from '../model/errors';
import { isJobId } from '../jobs/newJobId';
import type { JobStore, StoredJob } from '../storage/JobStore';

/**
 * The job a management route names by id alone (its caller holds the function key or an Entra
 * token, not the job's token): 400 when the id does not parse, 404 when there is no such job. One read.
 */
export async function readManagedJob(request: Pick<HttpRequest, 'params'>, store: Pick<JobStore, 'get'>): Promise<StoredJob> {
  const id = request.params.id ?? '';
  if (!isJobId(id)) throw new Problem(400, 'The job id does not parse: expected 32 hexadecimal digits.');
  const stored = await store.get(id);
  if (!stored) throw new Problem(404, 'No job with this id.');
  return stored;
}
