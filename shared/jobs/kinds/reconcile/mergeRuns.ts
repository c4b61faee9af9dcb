/**
 * Merges runs each sorted by key into one sequence sorted by key (UTF-16 code unit order, as the
 * runs are): one element of each run is held at a time. Keys of different runs never repeat (each
 * key falls in one bucket), so ties need no rule.
 */
export async function* mergeRuns<T extends { readonly key: string }>(runs: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  const iterators = runs.map((run) => run[Symbol.asyncIterator]());
  const heads: (T | undefined)[] = await Promise.all(iterators.map(async (it) => (await it.next()).value as T | undefined));
  try {
    for (;;) {
      let least = -1;
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i];
        if (head !== undefined && (least < 0 || head.key < (heads[least] as T).key)) least = i;
      }
      if (least < 0) return;
      yield heads[least] as T;
      const next = await (iterators[least] as AsyncIterator<T>).next();
      heads[least] = next.done ? undefined : next.value;
    }
  } finally {
    // Stop the runs not read to their end (a consumer that stopped early): their streams close.
    await Promise.all(
      iterators.map(async (it) => {
        await it.return?.();
      }),
    );
  }
}
