import { flushLogLines } from './hostLog';
import { startHost } from './startHost';

/**
 * `node dist/test/host/cli.js [appRoot]` (appRoot defaults to the working directory): starts the
 * stand-in host, prints one ready line, stops gracefully on SIGINT/SIGTERM, exits 1 with the
 * message on a start-up error.
 */
async function main(): Promise<void> {
  const host = await startHost({ appRoot: process.argv[2] ?? process.cwd() });
  flushLogLines(); // the start-up lines come before the ready line
  console.log(`Longrun host listening on ${host.baseUrl}`);
  let signalled = false;
  const shutdown = (): void => {
    if (signalled) return;
    signalled = true;
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Longrun host failed to stop: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`Longrun host failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
