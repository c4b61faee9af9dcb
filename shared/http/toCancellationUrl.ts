import { toAbsoluteUrl } from './toAbsoluteUrl';

/** Where a cancel's 202 points: it authorises itself with the same token as the status URL. */
export function toCancellationUrl(base: string, jobId: string, token: string): string {
  return toAbsoluteUrl(base, `jobs/${jobId}/cancellation`, { token });
}
