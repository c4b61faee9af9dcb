import type { IssueLike } from '../../model/ValidationIssues';

/**
 * The issues of short elements already found failing, by their bytes: a body of a million
 * identical bad records costs one validation, not a million (the schema is a pure function).
 */
export class KnownFailures {
  private static readonly MAX_ENTRIES = 1000;
  private static readonly MAX_ELEMENT_BYTES = 64;
  private readonly known = new Map<string, readonly IssueLike[]>();

  find(name: string, raw: Buffer): readonly IssueLike[] | undefined {
    // Nothing failed yet (every valid input): no key to build for each record.
    if (this.known.size === 0) return undefined;
    return raw.length <= KnownFailures.MAX_ELEMENT_BYTES ? this.known.get(`${name}\0${raw.toString('latin1')}`) : undefined;
  }

  remember(name: string, raw: Buffer, issues: readonly IssueLike[]): void {
    if (raw.length <= KnownFailures.MAX_ELEMENT_BYTES && this.known.size < KnownFailures.MAX_ENTRIES) this.known.set(`${name}\0${raw.toString('latin1')}`, issues);
  }
}
