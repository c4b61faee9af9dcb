// The reference the start is compared with: a plain node:http server (no Functions host, no
// @azure/functions, no validation) doing the storage calls a start makes, with the same SDKs:
// insert a job-sized row, send a message. Run as a child process by measureStartThroughput:
// `node minimalStartServer.js`, AzureWebJobsStorage in its environment; prints its port.
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';

const TABLE = 'benchminimal';

async function main(): Promise<void> {
  const connectionString = process.env.AzureWebJobsStorage ?? '';
  const table = TableClient.fromConnectionString(connectionString, TABLE, { allowInsecureConnection: true });
  const queue = new QueueClient(connectionString, TABLE);
  await table.createTable();
  await queue.createIfNotExists();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = randomBytes(16).toString('hex');
      const now = new Date().toISOString();
      const entity = { partitionKey: id, rowKey: 'job', kind: 'bake', status: 'queued', tokenHashes: createHash('sha256').update(id).digest('hex'), createdAt: now, updatedAt: now, inputInline: body, step: 0, cancelRequested: false };
      table
        .createEntity(entity)
        .then(() => queue.sendMessage(Buffer.from(JSON.stringify({ jobId: id })).toString('base64'), { messageTimeToLive: -1 }))
        .then(
          () => {
            res.writeHead(202, { 'content-type': 'application/json', location: `http://localhost/api/jobs/${id}` }).end(JSON.stringify({ id, status: 'queued' }));
          },
          (error: unknown) => {
            res.writeHead(500).end(String(error));
          },
        );
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`minimal start server listening on ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
