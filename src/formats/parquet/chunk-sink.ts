/**
 * The writer hyparquet-writer writes into, handing its bytes out in chunks: once 64 KiB have
 * gathered they move to the list of chunks ready to be taken, and the buffer starts again.
 * hyparquet-writer only appends (its own file writer empties the buffer the same way), so a
 * chunk once out is final.
 */
import { ByteWriter } from 'hyparquet-writer';

export class ChunkSink extends ByteWriter {
  private ready: Uint8Array[] = [];

  constructor(private readonly chunkSize = 1 << 16) {
    super(chunkSize);
  }

  override ensure(size: number): void {
    if (this.index >= this.chunkSize) this.flush();
    super.ensure(size);
  }

  /** Called by hyparquet-writer after each row group. */
  flush(): void {
    if (this.index === 0) return;
    this.ready.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }

  /** The chunks ready, each given once. */
  take(): Uint8Array[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }
}
