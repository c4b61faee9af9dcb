import { TERMINAL_STATUSES } from '../model/Job';
import { jobListSchema } from './connectorSchemas';
import { definitionRef, problemResponse } from './responseParts';
import type { ConnectorFragment, SwaggerParameter } from './SwaggerDocument';
import { toSwaggerSchema } from './toSwaggerSchema';

/** The operationId of the job list: apiProperties' next-link policy names it. */
export const LIST_JOBS_OPERATION = 'ListJobs';

/** The property of the list answer that holds the next page's URL. */
export const JOB_LIST_NEXT_LINK = 'nextLink';

/**
 * `ListJobs` on `GET /manage/jobs`: the jobs started in a time range, newest first, filtered by
 * status, kind and the workflow's client tracking id or run id, a page at a time.
 * NOTE: `x-ms-pageable` with `nextLinkName` is how Power Platform connectors declare a list the
 * platform pages through (microsoft/PowerPlatformConnectors, schemas/apiDefinition.swagger.schema.json
 * and certified connectors such as AzureIoTCentral's `Devices_List_V1`, whose answer is
 * `{value, nextLink}`). With pagination on, the platform calls the nextLink as given, bypassing the
 * connector and its credentials (microsoft/PowerPlatformConnectors#2959): apiProperties' `updatenextlink`
 * policy rewrites it through the connector (buildApiProperties).
 */
export function jobListFragment(): ConnectorFragment {
  const query = (name: string, summary: string, description: string, extra: Partial<SwaggerParameter> = {}): SwaggerParameter => ({
    name,
    in: 'query',
    required: false,
    type: 'string',
    'x-ms-summary': summary,
    description,
    ...extra,
  });
  return {
    paths: {
      '/manage/jobs': {
        get: {
          operationId: LIST_JOBS_OPERATION,
          summary: 'List jobs',
          description: 'Lists the jobs started in a time range, newest first, a page at a time; turn on pagination to read every page.',
          'x-ms-pageable': { nextLinkName: JOB_LIST_NEXT_LINK },
          parameters: [
            query('status', 'Status', 'Only jobs with this status.', { enum: ['queued', 'running', ...TERMINAL_STATUSES] }),
            query('kind', 'Kind', 'Only jobs of this kind.', { 'x-ms-visibility': 'advanced' }),
            query('from', 'From', 'Only jobs started at or after this time (ISO 8601); default: as long ago as jobs are kept.', { format: 'date-time' }),
            query('to', 'To', 'Only jobs started before this time (ISO 8601); default: now.', { format: 'date-time', 'x-ms-visibility': 'advanced' }),
            query('clientTrackingId', 'Client tracking ID', 'Only jobs started by a workflow run with this client tracking ID.', { 'x-ms-visibility': 'advanced' }),
            query('workflowRunId', 'Workflow run ID', 'Only jobs started by this workflow run.', { 'x-ms-visibility': 'advanced' }),
            query('top', 'Page size', 'How many jobs a page holds at most, 1 to 1000 (default 100).', { type: 'integer', minimum: 1, maximum: 1000, 'x-ms-visibility': 'advanced' }),
            query('skiptoken', 'Skip token', 'Where the next page starts, as the nextLink gives it.', { 'x-ms-visibility': 'internal' }),
          ],
          responses: {
            '200': { description: 'A page of jobs and, when more follow, the link to the next page.', schema: definitionRef('JobList') },
            default: problemResponse(),
          },
        },
      },
    },
    definitions: { JobList: toSwaggerSchema(jobListSchema) },
  };
}
