import { randomBytes } from 'node:crypto';

/** Job ids: 128 random bits as 32 lowercase hex digits (the capability lives in the token, not here). */
export function newJobId(): string {
  return randomBytes(16).toString('hex');
}

export const JOB_ID_PATTERN = /^[0-9a-f]{32}$/;

export function isJobId(value: string): boolean {
  return JOB_ID_PATTERN.test(value);
}
