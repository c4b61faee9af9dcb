import type { HttpRequest } from '@azure/functions';
import { isIPv6 } from 'node:net';
import { Problem } from '../model/errors';

/** The origin a trusted proxy says the caller used; each part absent when its header is. */
export interface ForwardedOrigin {
  readonly proto?: 'http' | 'https';
  /** Host name or IP literal, lowercased, with its port when one was given: `api.example.com:8443`, `[::1]`. */
  readonly host?: string;
}

// RFC 1123 labels (letters, digits, inner hyphens; 63 at most), 253 characters in all.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`, 'i');
const NAME_AND_PORT = /^([^:[\]]+)(?::([^:]*))?$/;
const IPV6_AND_PORT = /^\[([^\]]+)\](?::([^:]*))?$/;

/** The first value of a header that may carry a list (each proxy appends one); undefined when absent or blank. */
function firstValue(header: string | null): string | undefined {
  if (header === null || header.trim() === '') return undefined;
  return header.split(',')[0]?.trim() ?? '';
}

function isPort(text: string | undefined): boolean {
  return text === undefined || (/^[1-9]\d{0,4}$/.test(text) && Number(text) <= 65535);
}

/**
 * `host[:port]` per RFC 3986's host syntax, narrowed: a host name or dotted IPv4 address, or a
 * bracketed IPv6 address, and a port from 1 to 65535. The URL parser must read the host back as
 * written (it turns `0x7f.1` into 127.0.0.1 and refuses `example.123`), so what is handed out is
 * exactly what was checked.
 */
function toHost(text: string): string | undefined {
  const v6 = IPV6_AND_PORT.exec(text);
  const named = v6 ? undefined : NAME_AND_PORT.exec(text);
  const [, name, port] = v6 ?? named ?? [];
  if (!name || !isPort(port)) return undefined;
  if (v6 ? !isIPv6(name) || name.includes('%') : !HOST_NAME.test(name)) return undefined;
  let hostname: string;
  try {
    hostname = new URL(`http://${v6 ? `[${name}]` : name}`).hostname;
  } catch {
    return undefined;
  }
  if (!v6 && hostname !== name.toLowerCase()) return undefined;
  return port === undefined ? hostname : `${hostname}:${port}`;
}

function malformed(header: string, expected: string): Problem {
  return new Problem(400, `The ${header} header does not parse: expected ${expected} (LONGRUN_TRUST_FORWARDED_HEADERS is on).`, {
    errors: [{ path: header, message: `expected ${expected}` }],
  });
}

/**
 * X-Forwarded-Proto and X-Forwarded-Host, read strictly: only the first value of each, a proto of
 * http or https, a host name or IP literal with an optional port. Anything else is a 400 problem,
 * raised before the handler writes anything. Call it only when the proxy in front is trusted to set
 * them (LONGRUN_TRUST_FORWARDED_HEADERS): a client can send them too.
 */
export function readForwardedOrigin(headers: Pick<HttpRequest['headers'], 'get'>): ForwardedOrigin {
  const proto = firstValue(headers.get('x-forwarded-proto'))?.toLowerCase();
  if (proto !== undefined && proto !== 'http' && proto !== 'https') throw malformed('X-Forwarded-Proto', 'http or https');
  const hostText = firstValue(headers.get('x-forwarded-host'));
  const host = hostText === undefined ? undefined : toHost(hostText);
  if (hostText !== undefined && host === undefined) throw malformed('X-Forwarded-Host', 'a host name or IP literal with an optional port from 1 to 65535');
  return { ...(proto ? { proto } : {}), ...(host ? { host } : {}) };
}
