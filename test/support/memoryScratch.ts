import type { ScratchStore } from '../../shared/jobs/defineJob';

/** A ScratchStore in memory, for unit tests: every put is kept under a fresh name, and counted. */
export function memoryScratch(): ScratchStore & { readonly puts: () => number } {
  const stored = new Map<string, string>();
  return {
    put(name, lines) {
      const blob = `${stored.size}-${name}`;
      stored.set(blob, lines.join('\n'));
      return Promise.resolve({ blob });
    },
    async *lines(payload) {
      const text = 'inline' in payload ? payload.inline : stored.get(payload.blob);
      if (text === undefined) throw new Error(`no scratch payload ${JSON.stringify(payload)}`);
      await Promise.resolve();
      if (text.length > 0) yield* text.split('\n');
    },
    puts: () => stored.size,
  };
}
