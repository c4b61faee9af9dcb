// Writes the custom connector for a deployed host:
//   node dist/scripts/exportConnector.js --host <host[:port]> [--out connector] [--scheme https|http]
//     [--auth key|entra --audience <LONGRUN_ENTRA_AUDIENCE> --client-id <the connector's app registration>]
// then `paconn create --api-def connector/apiDefinition.swagger.json --api-prop connector/apiProperties.json`
// (or import apiDefinition.swagger.json in the maker portal and enter the function key); with
// `--auth entra`, add `--secret <the connector app's client secret>` to paconn create.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { topics } from '../shared/events/catalog';
import { jobKinds } from '../shared/jobs/catalog';
import { buildApiProperties } from '../shared/openapi/buildApiProperties';
import { buildConnectorDefinition } from '../shared/openapi/buildConnectorDefinition';
import { writeConnectorFiles } from '../shared/openapi/writeConnectorFiles';

const root = join(__dirname, '..', '..');

const argsSchema = z
  .object({
    // A URL is accepted too (https://name.azurewebsites.net/): only its host is kept.
    host: z.string({ error: '--host <host[:port]> is required' }).transform((value) => /^[a-z]+:\/\//i.test(value) ? new URL(value).host : value),
    out: z.string().default('connector'),
    scheme: z.enum(['https', 'http']).default('https'),
    auth: z.enum(['key', 'entra']).default('key'),
    audience: z.string().trim().min(1).optional(),
    'client-id': z.string().trim().min(1).optional(),
  })
  .superRefine((args, ctx) => {
    if (args.auth !== 'entra') return;
    if (!args.audience) ctx.addIssue({ code: 'custom', path: ['audience'], message: '--auth entra needs --audience <LONGRUN_ENTRA_AUDIENCE>' });
    if (!args['client-id']) ctx.addIssue({ code: 'custom', path: ['client-id'], message: "--auth entra needs --client-id <the connector's app registration>" });
  });

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      out: { type: 'string' },
      scheme: { type: 'string' },
      auth: { type: 'string' },
      audience: { type: 'string' },
      'client-id': { type: 'string' },
    },
    strict: true,
  });
  // --audience defaults to the app's own setting when the shell carries it.
  const args = argsSchema.parse({ audience: process.env.LONGRUN_ENTRA_AUDIENCE?.trim() || undefined, ...values });
  const { version } = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
  const definition = buildConnectorDefinition({
    kinds: jobKinds,
    topics,
    host: args.host,
    schemes: [args.scheme] as ['https'] | ['http'],
    version,
    auth: args.auth,
  });
  const entra = args.auth === 'entra' && args.audience && args['client-id'] ? { audience: args.audience, clientId: args['client-id'] } : undefined;
  const written = await writeConnectorFiles(resolve(args.out), definition, buildApiProperties(entra ? { entra } : {}));
  console.log(`Wrote ${written.join(' and ')}`);
}

main().catch((error: unknown) => {
  const message = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
  console.error(`exportConnector: ${message}`);
  process.exitCode = 1;
});
