import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './addressPolicy';

/** Resolves a host name to its IP addresses (tests inject one; the default asks the system resolver). */
export type HostResolver = (host: string) => Promise<readonly string[]>;

/** The system resolver, as net.connect itself would use it. */
export const systemResolver: HostResolver = async (host) =>
  (await dnsLookup(host, { all: true })).map((entry) => entry.address);

/** Raised inside the connect lookup hook when policy refuses every address of a host. */
export class BlockedAddressError extends Error {
  readonly code = 'ELONGRUN_BLOCKED';
  constructor(readonly reason: string) {
    super(`connection refused by address policy: ${reason}`);
    this.name = 'BlockedAddressError';
  }
}

/**
 * A `lookup` for net/tls.connect (undici's `connect.lookup`) that resolves the host itself and
 * hands back only addresses the policy allows, so the address checked is the address connected:
 * no window between a check and a second resolution (DNS rebinding).
 * Refused addresses are dropped; when none is left the connect fails with BlockedAddressError.
 */
export function createGuardedLookup(resolve: HostResolver, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
    resolve(hostname).then(
      (addresses) => {
        const candidates = addresses.filter((address) => wanted === 0 || isIP(address) === wanted);
        const allowed = candidates.filter((address) => policy(address).allowed);
        if (allowed.length === 0) {
          const first = candidates[0];
          const verdict = first === undefined ? undefined : policy(first);
          const reason = verdict && !verdict.allowed ? verdict.reason : `${hostname} has no address`;
          callback(new BlockedAddressError(reason), '', 0);
          return;
        }
        // NOTE: with autoSelectFamily (the Node 20 default) net asks for `all: true` and expects an
        // array; otherwise it expects (address, family). Node docs, net.connect `lookup`.
        if (options.all) callback(null, allowed.map((address) => ({ address, family: isIP(address) })));
        else callback(null, allowed[0] as string, isIP(allowed[0] as string));
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), '', 0);
      },
    );
  };
}
