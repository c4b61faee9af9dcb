import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readLines } from '../../../shared/storage/readLines';

async function linesOf(chunks: Buffer[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines(Readable.from(chunks))) lines.push(line);
  return lines;
}

describe('readLines: the lines of a byte stream', () => {
  test('gives each line once, split at every byte, multi-byte characters included', async () => {
    const text = Buffer.from('{"key":"é"}\n{"key":"€"}\n\n{"key":"𝄞"}', 'utf8');
    for (let at = 0; at <= text.length; at++) {
      assert.deepEqual(await linesOf([text.subarray(0, at), text.subarray(at)]), ['{"key":"é"}', '{"key":"€"}', '', '{"key":"𝄞"}'], `split at ${at}`);
    }
  });

  test('an empty stream has no line; a last newline ends the last line', async () => {
    assert.deepEqual(await linesOf([]), []);
    assert.deepEqual(await linesOf([Buffer.from('a\nb\n')]), ['a', 'b']);
  });
});
