import { toAbsoluteUrl } from './toAbsoluteUrl';

/**
 * The status URL of a job under the public base (toPublicBaseUrl): it authorises itself with the
 * job's token (Power Automate drops auth on polls).
 */
export function toStatusUrl(base: string, jobId: string, token: string): string {
  return toAbsoluteUrl(base, `jobs/${jobId}`, { token });
}
