/**
 * Little-endian bytes written into fixed-size chunks, each handed out once full and never touched
 * again: memory stays at one chunk however much is written.
 */
const none: readonly Uint8Array[] = Object.freeze([]);

export class ChunkWriter {
  private chunk: Uint8Array;
  private view: DataView;
  private at = 0;
  private ready: Uint8Array[] = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 64)
      throw new RangeError(`a chunk must be a whole number of at least 64 bytes, not ${size}`);
    this.chunk = new Uint8Array(size);
    this.view = new DataView(this.chunk.buffer);
  }

  private room(n: number): void {
    if (this.at + n > this.size) this.flush();
  }

  private flush(): void {
    if (this.at === 0) return;
    this.ready.push(this.chunk.subarray(0, this.at));
    this.chunk = new Uint8Array(this.size);
    this.view = new DataView(this.chunk.buffer);
    this.at = 0;
  }

  int32(v: number): void {
    this.room(4);
    this.view.setInt32(this.at, v, true);
    this.at += 4;
  }

  float64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.at, v, true);
    this.at += 8;
  }

  byte(v: number): void {
    this.room(1);
    this.chunk[this.at++] = v;
  }

  bytes(src: Uint8Array, start = 0, end = src.length): void {
    while (start < end) {
      if (this.at === this.size) this.flush();
      const n = Math.min(end - start, this.size - this.at);
      this.chunk.set(src.subarray(start, start + n), this.at);
      this.at += n;
      start += n;
    }
  }

  /** The chunks filled since the last call. */
  take(): readonly Uint8Array[] {
    if (this.ready.length === 0) return none;
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Every chunk left, the last one as far as it is filled. */
  end(): readonly Uint8Array[] {
    this.flush();
    return this.take();
  }
}
