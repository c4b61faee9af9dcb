import type { StoredPayload } from '../../model/Job';
import type { StagedPayload } from '../../storage/StagedPayload';
import { lengthIssue, type StreamedArray } from '../input/StreamedArray';
import type { JobKind } from '../defineJob';
import type { StreamedOutput } from './StreamedOutput';

/** Text gathered before it is handed to the staged blob. */
const FLUSH_CHARS = 64 * 1024;

/**
 * Writes a streamed output as the JSON of the kind's output: the rest checked by the kind's output
 * schema (with its streamed arrays empty), then each streamed array in declared order, every
 * element checked by its own schema. Undefined when anything does not match: the blocks staged so
 * far are never committed, so nothing is stored.
 */
export async function writeStreamedOutput(kind: Pick<JobKind, 'output' | 'streamedOutput'>, output: StreamedOutput, staged: Pick<StagedPayload, 'write' | 'commit'>): Promise<StoredPayload | undefined> {
  const declared = kind.streamedOutput.map((array) => array.name);
  const given = Object.keys(output.arrays);
  if (given.length !== declared.length || !declared.every((name) => given.includes(name))) return undefined;
  const rest = kind.output.safeParse({ ...output.rest, ...Object.fromEntries(declared.map((name) => [name, []])) });
  if (!rest.success) return undefined;
  const restOnly = Object.fromEntries(Object.entries(rest.data as Record<string, unknown>).filter(([name]) => !declared.includes(name)));
  let text = JSON.stringify(restOnly).slice(0, -1);
  let separator = text.length > 1 ? ',' : '';
  const flush = async (): Promise<void> => {
    await staged.write(Buffer.from(text, 'utf8'));
    text = '';
  };
  for (const array of kind.streamedOutput) {
    text += `${separator}${JSON.stringify(array.name)}:[`;
    separator = ',';
    const count = await writeElements(array, output.arrays[array.name] as AsyncIterable<unknown>, (json) => {
      text += json;
      return text.length >= FLUSH_CHARS ? flush() : undefined;
    });
    if (count === undefined || lengthIssue(array, count) !== undefined) return undefined;
    text += ']';
  }
  text += '}';
  await flush();
  return staged.commit();
}

/** Appends each element's JSON, comma-separated; the count, or undefined at the first that does not match. */
async function writeElements(array: StreamedArray, elements: AsyncIterable<unknown>, append: (json: string) => Promise<void> | undefined): Promise<number | undefined> {
  let count = 0;
  for await (const element of elements) {
    const checked = array.element.safeParse(element);
    if (!checked.success) return undefined;
    const pending = append(`${count > 0 ? ',' : ''}${JSON.stringify(checked.data)}`);
    if (pending) await pending;
    count++;
  }
  return count;
}
