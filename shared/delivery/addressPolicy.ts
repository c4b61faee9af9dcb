import ipaddr from 'ipaddr.js';

/** The policy's answer for one IP address; `reason` names the range that refused it (no URL, no secret). */
export type AddressVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Decides whether the outbound client may connect to an IP address (ARCHITECTURE.md §6). */
export type AddressPolicy = (address: string) => AddressVerdict;

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

// NOTE: IPv4-compatible addresses (::a.b.c.d, RFC 4291 §2.5.5.1, deprecated) come back from
// ipaddr.js as plain 'unicast'; some stacks still route them to the embedded IPv4 address.
const ipv4Compatible = ipaddr.parseCIDR('::/96');
// NOTE: the RFC 8215 local-use NAT64 prefix may embed IPv4 at several offsets; refuse it whole.
const localUseNat64 = ipaddr.parseCIDR('64:ff9b:1::/48');

// NOTE: Azure's platform endpoints answer on every VM and App Service worker: 168.63.129.16, a
// public address that is the host node's virtual IP (WireServer: DNS, DHCP, load balancer probes,
// the VM agent; "What is IP address 168.63.129.16?"), and 169.254.169.254, the Instance Metadata
// Service, which hands out managed identity tokens ("Azure Instance Metadata Service", which says to
// treat the two alike). No callback has business with either, so they are refused in every
// spelling even when LONGRUN_CALLBACK_ALLOWED_NETWORKS covers them (a wide allow-list such as
// 0.0.0.0/0 or 168.63.0.0/16 must not open the host's own channels).
const PLATFORM_ENDPOINTS: ReadonlyMap<string, string> = new Map([
  ['168.63.129.16', 'the Azure WireServer (platform address, never allowed)'],
  ['169.254.169.254', 'linkLocal, the Azure Instance Metadata Service (never allowed)'],
]);

function fromBytes(bytes: number[]): ipaddr.IPv4 {
  return new ipaddr.IPv4(bytes);
}

/** The IPv4 address a translation or tunnelling form of IPv6 would reach, if it has one. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  switch (address.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
    case 'rfc6052': // 64:ff9b::a.b.c.d
      return fromBytes(bytes.slice(12, 16));
    case '6to4': // 2002:AABB:CCDD::/48
      return fromBytes(bytes.slice(2, 6));
    case 'teredo': // 2001:0:SSSS:SSSS:…:CCCC:CCCC, the client address is stored inverted (RFC 4380 §4)
      return fromBytes(bytes.slice(12, 16).map((b) => b ^ 0xff));
    case 'unicast': // ::a.b.c.d (:: and ::1 are classified as unspecified and loopback first)
      return address.match(ipv4Compatible) ? fromBytes(bytes.slice(12, 16)) : undefined;
    default:
      return undefined;
  }
}

function toAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // NOTE: ipaddr.parse accepts legacy IPv4 spellings (0x7f.1, 017700000001); resolvers and the
  // WHATWG URL parser already normalise those, and isValidFourPartDecimal/IPv6 keeps us strict.
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare);
  return undefined;
}

/** Why `address` is an Azure platform endpoint, directly or embedded in an IPv6 form; undefined otherwise. */
function platformEndpoint(address: ipaddr.IPv4 | ipaddr.IPv6, shown: string): string | undefined {
  const v4 = address.kind() === 'ipv4' ? (address as ipaddr.IPv4) : embeddedIPv4(address as ipaddr.IPv6);
  const what = v4 && PLATFORM_ENDPOINTS.get(v4.toString());
  if (!v4 || !what) return undefined;
  return v4 === address ? `${shown} is ${what}` : `${shown} embeds ${v4.toString()} is ${what}`;
}

function inAny(address: ipaddr.IPv4 | ipaddr.IPv6, networks: readonly Cidr[]): boolean {
  return networks.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

function classify(address: ipaddr.IPv4 | ipaddr.IPv6, shown: string): AddressVerdict {
  if (address.kind() === 'ipv4') {
    const range = address.range();
    return range === 'unicast' ? { allowed: true } : { allowed: false, reason: `${shown} is ${range}` };
  }
  const v6 = address as ipaddr.IPv6;
  if (v6.match(localUseNat64)) return { allowed: false, reason: `${shown} is local-use NAT64` };
  const v4 = embeddedIPv4(v6);
  if (v4) {
    const inner = classify(v4, v4.toString());
    return inner.allowed ? inner : { allowed: false, reason: `${shown} embeds ${inner.reason}` };
  }
  const range = v6.range();
  return range === 'unicast' ? { allowed: true } : { allowed: false, reason: `${shown} is ${range}` };
}

/**
 * Builds the address policy: only globally routable unicast addresses (including IPv6 forms that
 * embed one), unless the address lies in one of `allowedNetworks` (CIDRs from
 * LONGRUN_CALLBACK_ALLOWED_NETWORKS, default none), which overrides every refusal but one: Azure's
 * platform endpoints (168.63.129.16 and 169.254.169.254) are never allowed, in any spelling.
 * Anything that is not an IP address is refused.
 */
export function createAddressPolicy(allowedNetworks: readonly string[] = []): AddressPolicy {
  const networks: Cidr[] = allowedNetworks.map((cidr) => ipaddr.parseCIDR(cidr));
  return (text) => {
    const address = toAddress(text);
    if (!address) return { allowed: false, reason: `"${text}" is not an IP address` };
    const shown = address.toString();
    const platform = platformEndpoint(address, shown);
    if (platform) return { allowed: false, reason: platform };
    if (inAny(address, networks)) return { allowed: true };
    // An allow-listed IPv4 network also covers its IPv4-mapped spelling (dual-stack sockets report it).
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
      if (inAny((address as ipaddr.IPv6).toIPv4Address(), networks)) return { allowed: true };
    }
    return classify(address, shown);
  };
}

/** True when `text` is an IP address literal (with or without IPv6 brackets) rather than a host name. */
export function isIpLiteral(text: string): boolean {
  return toAddress(text) !== undefined;
}
