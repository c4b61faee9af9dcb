import { StreamedOutput } from '../../shared/jobs/output/StreamedOutput';

/** A kind's output as one value: a streamed output's arrays read to their end, in the rest's key order then theirs. */
export async function collectOutput(output: unknown): Promise<unknown> {
  if (!(output instanceof StreamedOutput)) return output;
  const whole: Record<string, unknown> = { ...output.rest };
  for (const [name, elements] of Object.entries(output.arrays)) {
    const list: unknown[] = [];
    for await (const element of elements) list.push(element);
    whole[name] = list;
  }
  return whole;
}
