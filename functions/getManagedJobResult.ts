import { Readable } from 'node:stream';
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { Problem } from '../shared/model/errors';
import { readManagedJob } from '../shared/http/readManagedJob';

/** GET /api/manage/jobs/{id}/result: a job's result as stored, streamed (a blob is never loaded whole); 404 before it has one. */
export async function getManagedJobResultHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const longrun = await getLongrun();
  const { job } = await readManagedJob(request, longrun.jobStores.jobs);
  if (!job.result) throw new Problem(404, `Job ${job.id} has no result (it is ${job.status}).`);
  const body = Readable.from(await longrun.jobStores.payloads.stream(job.result));
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body };
}

app.http('getManagedJobResult', { methods: ['GET'], route: 'manage/jobs/{id}/result', ...managementRoute(getManagedJobResultHandler) });
