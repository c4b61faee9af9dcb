// A second test reporter, beside TAP: it prints nothing while the run goes on and, at its end, every
// failed test again with its file and error, and the slowest files. CI logs are often read from
// their tail; with files running two at a time, a failure's TAP block can sit anywhere in them.
// node --test --test-reporter=tap --test-reporter-destination=stdout
//   --test-reporter=./dist/test/support/failureSummary.js --test-reporter-destination=stdout
import { relative } from 'node:path';
import { inspect } from 'node:util';

interface TestEvent {
  type: string;
  data: {
    name?: string;
    nesting?: number;
    file?: string;
    line?: number;
    details?: { duration_ms?: number; type?: string; error?: unknown };
  };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return inspect(error);
  // The runner wraps a test's own error in one that names the failure kind; the cause is the test's,
  // and its own causes (a fetch that failed names the socket error) follow it.
  const wrapped = error as Error & { cause?: unknown; code?: string };
  let inner: unknown = wrapped.code === 'ERR_TEST_FAILURE' && wrapped.cause !== undefined ? wrapped.cause : error;
  const parts: string[] = [];
  for (let depth = 0; inner !== undefined && depth < 4; depth += 1) {
    if (!(inner instanceof Error)) {
      parts.push(`caused by: ${inspect(inner)}`);
      break;
    }
    const lines = (inner.stack ?? inner.message).split('\n').filter((line) => !/\(node:|at node:/.test(line));
    parts.push(`${depth > 0 ? 'caused by: ' : ''}${lines.slice(0, depth > 0 ? 3 : 16).join('\n')}`);
    inner = (inner as Error & { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

async function* failureSummary(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const failures: string[] = [];
  const fileMs = new Map<string, number>();
  for await (const event of source) {
    const { data } = event;
    const file = data.file ? relative(process.cwd(), data.file) : '(no file)';
    const failureType = (data.details?.error as { failureType?: string } | undefined)?.failureType;
    // A test or suite that failed only because one of its subtests did is not a failure of its own.
    if (event.type === 'test:fail' && failureType !== 'subtestsFailed') {
      // A test marked todo (a known bug) is listed as well, and said to be one.
      const known = (data as { todo?: unknown }).todo !== undefined ? ' [todo: known, does not fail the run]' : '';
      failures.push(`✖ ${file}:${data.line ?? 0} ${data.name ?? ''}${known}\n${describeError(data.details?.error)}`);
    }
    if ((event.type === 'test:pass' || event.type === 'test:fail') && data.nesting === 0) {
      fileMs.set(file, (fileMs.get(file) ?? 0) + (data.details?.duration_ms ?? 0));
    }
  }
  const slowest = [...fileMs].sort((a, b) => b[1] - a[1]).slice(0, 8);
  yield '\n# ---- summary ----\n';
  yield `# slowest files: ${slowest.map(([f, ms]) => `${f} ${(ms / 1000).toFixed(1)} s`).join(', ')}\n`;
  if (failures.length === 0) {
    yield '# no test failed\n';
    return;
  }
  yield `# ${failures.length} failed:\n`;
  for (const failure of failures) yield `${failure.replace(/^/gm, '# ')}\n`;
}

export = failureSummary;
