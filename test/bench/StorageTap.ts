import type { Azurite } from '../support/azurite';
import { startStorageProxy } from '../support/storageProxy';

/** One storage call seen on the wire, named as an operation (`table insert jobs`, `queue receive jobs`). */
export interface TappedCall {
  readonly service: 'blob' | 'queue' | 'table';
  readonly operation: string;
  readonly status: number;
  /** A queue receive that returned no message: the host's idle polling, not work. */
  readonly emptyPoll: boolean;
}

/** Proxies in front of Azurite's three services that record every call, with its outcome. */
export interface StorageTap {
  readonly connectionString: string;
  readonly calls: TappedCall[];
  reset(): void;
  stop(): Promise<void>;
}

const ACCOUNT = /^\/[^/]+/;

/**
 * Names a request as the operation it is (REST verb + resource shape), without ids, so calls can
 * be grouped: `PUT /acct/jobs(PartitionKey='…',RowKey='job')` is `table replace jobs`.
 */
export function toOperation(service: TappedCall['service'], method: string, url: string): string {
  const [rawPath = '', query = ''] = url.split('?');
  const path = decodeURIComponent(rawPath.replace(ACCOUNT, ''));
  if (service === 'table') {
    if (path === '/$batch') return 'table batch';
    if (/^\/Tables/i.test(path)) return `table ${method === 'POST' ? 'create table' : 'tables'}`;
    const table = /^\/([^(/]+)/.exec(path)?.[1] ?? '?';
    const entity = /\(PartitionKey=/.test(path);
    const verb: Record<string, string> = entity
      ? { GET: 'read', PUT: 'replace', MERGE: 'merge', PATCH: 'merge', DELETE: 'delete' }
      : { GET: 'query', POST: 'insert' };
    return `table ${verb[method] ?? method} ${table}`;
  }
  if (service === 'queue') {
    const [, queue = '?', messages, id] = path.split('/');
    if (messages !== 'messages') return `queue ${method === 'PUT' ? 'create' : /comp=metadata/.test(query) ? 'properties' : method} ${queue}`;
    if (id) return `queue ${method === 'DELETE' ? 'delete message' : method === 'PUT' ? 'update message' : method} ${queue}`;
    const verb: Record<string, string> = { POST: 'send', GET: /peekonly=true/i.test(query) ? 'peek' : 'receive', DELETE: 'clear' };
    return `queue ${verb[method] ?? method} ${queue}`;
  }
  const [, container = '?', ...blob] = path.split('/');
  if (blob.length === 0) return `blob ${/comp=list/.test(query) ? 'list' : method === 'PUT' ? 'create container' : method} ${container}`;
  const verb: Record<string, string> = { PUT: 'put', GET: 'get', HEAD: 'properties', DELETE: 'delete' };
  return `blob ${/comp=lease/.test(query) ? 'lease' : (verb[method] ?? method)} ${container}`;
}

/**
 * Starts recording proxies in front of an Azurite. Unlike test/support/storageCallCounter, it
 * names each call's operation and tells an empty queue poll from a dequeue, because the host's
 * queue listener polls through the same connection string as the app and its idle polls are not
 * a job's cost.
 */
export async function startStorageTap(azurite: Azurite): Promise<StorageTap> {
  const calls: TappedCall[] = [];
  // A receive's body tells a dequeue from an idle poll: it lists <QueueMessage> elements or none.
  const isReceive = (service: TappedCall['service'], method: string, url: string) => toOperation(service, method, url).startsWith('queue receive');
  const proxy = await startStorageProxy(
    azurite,
    ({ service, method, url, status, body }) => {
      const operation = toOperation(service, method, url);
      calls.push({ service, operation, status, emptyPoll: body !== undefined && !body.toString('utf8').includes('<QueueMessage>') });
    },
    isReceive,
  );
  return {
    connectionString: proxy.connectionString,
    calls,
    reset() {
      calls.length = 0;
    },
    stop: () => proxy.stop(),
  };
}
