import { hkdfSync } from 'node:crypto';

/**
 * HKDF `info` of the triggerState MAC key: a label of its own, so the key is independent of the
 * sealing key it comes from and of any other key derived from it with another label.
 */
export const TRIGGER_STATE_LABEL = 'longrun/polling-trigger-state/hmac-sha256/v1';

/**
 * The MAC key of triggerStates: HKDF-SHA256 of a sealing key, 32 bytes, no salt. The app derives
 * one from each sealing key it loads (LONGRUN_SECRET_KEYS or the key blob it keeps), once: no secret
 * setting of its own. The newest key's issues states; every listed key's verifies them.
 */
export function deriveTriggerStateKey(sealingKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', sealingKey, Buffer.alloc(0), TRIGGER_STATE_LABEL, 32));
}
