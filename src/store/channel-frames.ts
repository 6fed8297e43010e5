/**
 * Messages on the channel between `longitude serve` and a command beside it: each a 4-byte
 * length, then the message. The first message from a command is the token as bytes; every
 * later one, both ways, is a value in node:v8's serialisation, which keeps what rows hold
 * (Date, Buffer and Uint8Array, numbers, bigint, JSON values) as they are.
 */
import { deserialize, serialize } from 'node:v8';

/** Largest message after authentication (an export's batch of rows is a few megabytes). */
export const maxMessageBytes = 512 * 1024 * 1024;
/** Largest message before it: the token. */
export const maxTokenBytes = 256;

export function encodeFrame(payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(payload.length);
  return Buffer.concat([head, payload]);
}

export function encodeValue(value: unknown): Buffer {
  return encodeFrame(serialize(value));
}

export function decodeValue(payload: Buffer): unknown {
  return deserialize(payload);
}

/** Cuts a byte stream into messages; throws on a message longer than the limit. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private length = 0;

  constructor(public limit: number) {}

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const out: Buffer[] = [];
    while (this.length >= 4) {
      if (this.chunks[0]!.length < 4) this.chunks = [Buffer.concat(this.chunks)];
      const size = this.chunks[0]!.readUInt32BE(0);
      if (size > this.limit) throw new Error(`a message of ${size} bytes is over the limit`);
      // Joined only once the whole message is here (no copying per chunk of a long one).
      if (this.length < 4 + size) break;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      out.push(all.subarray(4, 4 + size));
      const rest = all.subarray(4 + size);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.length = rest.length;
    }
    return out;
  }
}

/** What a command sends: a statement, or the end of its hold on the server's connection. */
export type ChannelRequest =
  | { sql: string; parameters: readonly unknown[]; transaction?: 'begin' | 'end' }
  | { release: true };

/** What the server answers to a statement. */
export type ChannelReply =
  | { rows: unknown[]; affected?: bigint }
  | { error: { message: string; [property: string]: unknown } };
