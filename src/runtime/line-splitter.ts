// Splits a byte stream (a child's fd 4 frames, or its stdout/stderr) into UTF-8 lines, holding at
// most `maxLine` bytes of an unfinished line: past that the pending bytes are handed over as
// `overflow` (frames) or as a line of their own (plain output), so a child can never grow our memory.

export interface LineSplitterOptions {
  maxLine: number;
  onLine(line: string): void;
  /** Called with the size of a line that exceeded `maxLine`; default: emit it in pieces. */
  onOverflow?(size: number): void;
}

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflowed = false;

  constructor(private readonly opts: LineSplitterOptions) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      this.finish(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
  }

  /** Emits what is left (a last line without newline). */
  end(): void {
    if (this.pendingBytes > 0) this.finish(Buffer.alloc(0));
  }

  private finish(tail: Buffer): void {
    if (this.overflowed) {
      this.overflowed = false;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    if (this.pendingBytes === 0) {
      this.opts.onLine(tail.toString('utf8'));
      return;
    }
    this.pending.push(tail);
    const line = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    this.opts.onLine(line);
  }

  private hold(part: Buffer): void {
    if (this.overflowed) return;
    // Copy: the chunk's memory may be reused by the stream.
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
    if (this.pendingBytes <= this.opts.maxLine) return;
    if (this.opts.onOverflow) {
      this.opts.onOverflow(this.pendingBytes);
      this.overflowed = true;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    const line = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    this.opts.onLine(line);
  }
}
