import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { getLongrun, getLongrunConfig } from '../shared/app/getLongrun';
import { managementRoute } from '../shared/app/managementRoute';
import { listJobs } from '../shared/jobs/listJobs';
import { readJobListQuery } from '../shared/http/readJobListQuery';
import { JOB_LIST_PATH, toJobListResponse } from '../shared/http/toJobListResponse';
import { toPublicBaseUrl } from '../shared/http/toPublicBaseUrl';

/**
 * GET /api/manage/jobs?status=&kind=&from=&to=&clientTrackingId=&workflowRunId=&top=&skiptoken=:
 * one page of jobs, newest first, `{value, nextLink?}`. One table query (ARCHITECTURE.md §4).
 */
export async function listJobsHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const config = getLongrunConfig();
  const base = toPublicBaseUrl(request, config);
  const query = readJobListQuery(request, config.LONGRUN_RETENTION_DAYS);
  const longrun = await getLongrun();
  const page = await listJobs(longrun.jobStores.jobs, query.filter, query.top, query.continuation);
  return toJobListResponse(base, query, page);
}

app.http('listJobs', { methods: ['GET'], route: JOB_LIST_PATH, ...managementRoute(listJobsHandler) });
