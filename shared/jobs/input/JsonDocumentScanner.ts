import { JsonScanError } from './JsonScanError';

/**
 * Receives each element of a streamed array as soon as its last byte is read: parsed, and its raw
 * bytes (valid during the call only).
 */
export type ElementSink = (name: string, index: number, value: unknown, raw: Buffer) => void;

type State = 'document' | 'keyOrEnd' | 'key' | 'colon' | 'valueStart' | 'next' | 'elementOrEnd' | 'element' | 'elementNext' | 'after';
type Target = 'root' | 'key' | 'value' | 'element';

const OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d, OPEN_ARRAY = 0x5b, CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a;
const isSpace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * An incremental reader of one JSON document whose top level is an object. The properties named in
 * `streamed` whose value is an array are handed out element by element (each element parsed on
 * its own, never the whole array); every other property is kept and parsed whole. Memory is one
 * element (at most maxElementBytes) plus the other properties, whatever the split of the bytes.
 * Strictness is JSON.parse's: every value goes through it, and the structure between values
 * (braces, brackets, colons, commas) is checked here. A document whose top level is not an
 * object is kept whole, for the schema to refuse.
 */
export class JsonDocumentScanner {
  private readonly rest: Record<string, unknown> = {};
  private root: { value: unknown } | undefined;
  private readonly counts = new Map<string, number>();
  private state: State = 'document';
  private target: Target | undefined;
  private key = '';
  private parts: Buffer[] = [];
  private partBytes = 0;
  private offset = 0;
  // Where the scan of the captured value stands.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private primitive = false;

  constructor(
    private readonly streamed: ReadonlySet<string>,
    private readonly onElement: ElementSink,
    private readonly maxElementBytes: number,
  ) {}

  /** The streamed arrays met so far, with their element counts. */
  get arrays(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** Reads the next bytes. Throws JsonScanError on bytes that cannot continue a JSON document. */
  write(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = 0;
    let start = this.target ? 0 : -1; // where the value being captured starts in this chunk
    while (i < bytes.length) {
      if (this.target) {
        const end = this.scan(bytes, i);
        if (end < 0) break;
        this.finish(bytes.subarray(start, end), this.offset + end);
        start = -1;
        i = end;
        continue;
      }
      const byte = bytes[i] as number;
      if (!isSpace(byte) && this.structural(byte, this.offset + i)) start = i;
      else i++;
    }
    if (this.target && start >= 0) this.keep(bytes.subarray(start), this.offset + bytes.length);
    this.offset += bytes.length;
  }

  /** Ends the document: its other properties (or the whole document, when it is not an object). */
  end(): unknown {
    if (this.target === 'root' && this.primitive) this.finish(Buffer.alloc(0), this.offset);
    if (this.state !== 'after' || this.target) throw new JsonScanError('Unexpected end of JSON input', this.offset);
    return this.root ? this.root.value : this.rest;
  }

  /** One byte between values. True when it starts a value to capture (the byte belongs to it). */
  private structural(byte: number, at: number): boolean {
    switch (this.state) {
      case 'document':
        if (byte === OPEN_OBJECT) return this.to('keyOrEnd');
        return this.capture('root', byte, at);
      case 'keyOrEnd':
        if (byte === CLOSE_OBJECT) return this.to('after');
        return byte === QUOTE ? this.capture('key', byte, at) : this.unexpected(byte, at);
      case 'key':
        return byte === QUOTE ? this.capture('key', byte, at) : this.unexpected(byte, at);
      case 'colon':
        return byte === COLON ? this.to('valueStart') : this.unexpected(byte, at);
      case 'valueStart':
        if (!this.streamed.has(this.key)) return this.capture('value', byte, at);
        // A streamed property twice would be validated in one form and run in another (JSON.parse keeps the last).
        if (this.counts.has(this.key) || Object.hasOwn(this.rest, this.key)) throw new JsonScanError(`Property "${this.key}" appears twice`, at);
        if (byte !== OPEN_ARRAY) return this.capture('value', byte, at);
        this.counts.set(this.key, 0);
        return this.to('elementOrEnd');
      case 'next':
        if (byte === CLOSE_OBJECT) return this.to('after');
        return byte === COMMA ? this.to('key') : this.unexpected(byte, at);
      case 'elementOrEnd':
        if (byte === CLOSE_ARRAY) return this.to('next');
        return this.capture('element', byte, at);
      case 'element':
        return this.capture('element', byte, at);
      case 'elementNext':
        if (byte === CLOSE_ARRAY) return this.to('next');
        return byte === COMMA ? this.to('element') : this.unexpected(byte, at);
      default:
        return this.unexpected(byte, at);
    }
  }

  private to(state: State): false {
    return ((this.state = state), false);
  }

  private capture(target: Target, byte: number, at: number): true {
    if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || byte === COMMA || byte === COLON) this.unexpected(byte, at);
    this.target = target;
    [this.depth, this.inString, this.escaped] = [0, false, false];
    this.primitive = byte !== OPEN_OBJECT && byte !== OPEN_ARRAY && byte !== QUOTE;
    return true;
  }

  /** Scans the captured value from `from`: the index just past its end, or -1 when the chunk ends first. */
  private scan(bytes: Buffer, from: number): number {
    let { depth, inString, escaped } = this;
    let end = -1;
    for (let i = from; i < bytes.length && end < 0; i++) {
      const byte = bytes[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          inString = false;
          if (depth === 0) end = i + 1;
        }
      } else if (this.primitive) {
        if (isSpace(byte) || byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) end = i;
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
      else if ((byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) && --depth === 0) end = i + 1;
    }
    [this.depth, this.inString, this.escaped] = [depth, inString, escaped];
    return end;
  }

  private keep(bytes: Buffer, at: number): void {
    this.checkSize((this.partBytes += bytes.length), at);
    this.parts.push(Buffer.from(bytes)); // a copy: the chunk it came from can be released
  }

  private checkSize(size: number, at: number): void {
    if (this.target === 'element' && size > this.maxElementBytes) {
      throw new JsonScanError(`An element of "${this.key}" is longer than ${this.maxElementBytes} bytes`, at, true);
    }
  }

  private finish(tail: Buffer, at: number): void {
    const whole = this.parts.length === 0 ? tail : Buffer.concat([...this.parts, tail]);
    this.checkSize(whole.length, at);
    [this.parts, this.partBytes] = [[], 0];
    const value = parse(whole, at);
    const target = this.target;
    this.target = undefined;
    if (target === 'key') {
      this.key = value as string;
      this.state = 'colon';
    } else if (target === 'value') {
      // As JSON.parse does: an own property, even for "__proto__"; a repeated key keeps the last value.
      Object.defineProperty(this.rest, this.key, { value, enumerable: true, writable: true, configurable: true });
      this.state = 'next';
    } else if (target === 'element') {
      const index = this.counts.get(this.key) ?? 0;
      this.counts.set(this.key, index + 1);
      this.state = 'elementNext';
      this.onElement(this.key, index, value, whole);
    } else {
      this.root = { value };
      this.state = 'after';
    }
  }

  private unexpected(byte: number, at: number): never {
    throw new JsonScanError(`Unexpected token ${JSON.stringify(String.fromCharCode(byte))}`, at);
  }
}

function parse(bytes: Buffer, at: number): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw new JsonScanError(error instanceof SyntaxError ? error.message : 'Invalid JSON', at);
  }
}
