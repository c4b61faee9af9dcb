import { ConfigError, type Settings } from '../config';
import type { OutboundClient } from '../delivery/outboundClient';
import { EntraTokenVerifier } from './EntraTokenVerifier';
import { IssuerKeys } from './IssuerKeys';

/**
 * The Entra check of management callers from the LONGRUN_ENTRA_* settings, its keys fetched
 * through the given (the one) outbound client. Built once by the wiring point.
 */
export function createCallerCheck(settings: Settings, client: Pick<OutboundClient, 'get'>): EntraTokenVerifier {
  const { LONGRUN_ENTRA_ISSUER: issuer, LONGRUN_ENTRA_AUDIENCE: audience, LONGRUN_ENTRA_JWKS_URI: jwksUri } = settings;
  if (settings.LONGRUN_AUTH !== 'entra' || !issuer || !audience) {
    throw new ConfigError('The caller check needs LONGRUN_AUTH=entra with LONGRUN_ENTRA_ISSUER and LONGRUN_ENTRA_AUDIENCE');
  }
  const keys = new IssuerKeys({ issuer, client, ...(jwksUri ? { jwksUri } : {}) });
  return new EntraTokenVerifier({ issuer, audience, role: settings.LONGRUN_ENTRA_ROLE, keys });
}
