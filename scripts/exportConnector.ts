// Writes the custom connector for a deployed host:
//   node dist/scripts/exportConnector.js --host <host[:port]> [--out connector] [--scheme https|http]
// then `paconn create --api-def connector/apiDefinition.swagger.json --api-prop connector/apiProperties.json`
// (or import apiDefinition.swagger.json in the maker portal and enter the function key).
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

const argsSchema = z.object({
  // A URL is accepted too (https://name.azurewebsites.net/): only its host is kept.
  host: z.string({ error: '--host <host[:port]> is required' }).transform((value) => /^[a-z]+:\/\//i.test(value) ? new URL(value).host : value),
  out: z.string().default('connector'),
  scheme: z.enum(['https', 'http']).default('https'),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { host: { type: 'string' }, out: { type: 'string' }, scheme: { type: 'string' } },
    strict: true,
  });
  const args = argsSchema.parse(values);
  const { version } = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
  const definition = buildConnectorDefinition({
    kinds: jobKinds,
    topics,
    host: args.host,
    schemes: [args.scheme] as ['https'] | ['http'],
    version,
  });
  const written = await writeConnectorFiles(resolve(args.out), definition, buildApiProperties());
  console.log(`Wrote ${written.join(' and ')}`);
}

main().catch((error: unknown) => {
  const message = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
  console.error(`exportConnector: ${message}`);
  process.exitCode = 1;
});
