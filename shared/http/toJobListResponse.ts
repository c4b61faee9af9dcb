import type { HttpResponseInit } from '@azure/functions';
import { toEnvelope } from '../model/Job';
import type { JobListPage } from '../storage/JobStore';
import { toAbsoluteUrl } from './toAbsoluteUrl';
import { toJobListSkipToken } from './jobListSkipToken';
import type { JobListRequest } from './readJobListQuery';

/** The management route that lists jobs, under the public base. */
export const JOB_LIST_PATH = 'manage/jobs';

/**
 * `200 {value, nextLink?}`: the page's envelopes (without results: a list reads no payload) and,
 * when the table has more, the absolute URL of the next page. The nextLink repeats the filters with
 * the time range made explicit (a page never shifts with the clock) and carries no function key.
 * NOTE: the shape Power Platform connectors page with: items in `value`, the next page's URL in the
 * property `x-ms-pageable` names (certified connectors in microsoft/PowerPlatformConnectors, e.g.
 * AzureIoTCentral's `Devices_List_V1`: `{value, nextLink}` with `nextLinkName: nextLink`).
 */
export function toJobListResponse(base: string, request: JobListRequest, page: JobListPage): HttpResponseInit {
  const { filter } = request;
  const nextLink = page.next
    ? toAbsoluteUrl(base, JOB_LIST_PATH, {
        status: filter.status,
        kind: filter.kind,
        clientTrackingId: filter.clientTrackingId,
        workflowRunId: filter.workflowRunId,
        from: new Date(filter.from).toISOString(),
        to: new Date(filter.to).toISOString(),
        top: String(request.top),
        skiptoken: toJobListSkipToken(page.next),
      })
    : undefined;
  return { status: 200, jsonBody: { value: page.jobs.map(toEnvelope), ...(nextLink ? { nextLink } : {}) } };
}
