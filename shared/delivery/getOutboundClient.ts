import { getConfig } from '../config';
import { createOutboundClient, type OutboundClient } from './outboundClient';

let client: OutboundClient | undefined;

/** The app's one outbound client, built on first use from config (DESIGN §6). */
export function getOutboundClient(): OutboundClient {
  if (!client) {
    const config = getConfig();
    client = createOutboundClient({
      httpsOnly: config.LONGRUN_CALLBACK_HTTPS_ONLY,
      allowedNetworks: config.LONGRUN_CALLBACK_ALLOWED_NETWORKS,
      timeoutMs: config.LONGRUN_DELIVERY_TIMEOUT_MS,
    });
  }
  return client;
}

/** Closes and forgets the shared client (tests and the stand-in host's shutdown). */
export async function closeOutboundClient(): Promise<void> {
  const closing = client;
  client = undefined;
  await closing?.close();
}
