/**
 * Cuts a TCP byte stream into wire-protocol messages. A length outside [16, 48 MB] is a
 * protocol error, raised as soon as the 4 length bytes arrive, so a hostile peer cannot
 * make the server buffer an oversized message.
 */
import { HEADER_SIZE, MAX_MESSAGE_SIZE, ProtocolError } from './protocol.js';

export class Framer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected = -1;

  /** Feed bytes; returns the messages completed by them. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: Buffer[] = [];
    for (;;) {
      if (this.expected < 0) {
        if (this.buffered < 4) break;
        const head = this.chunks[0].length >= 4 ? this.chunks[0] : Buffer.concat(this.chunks);
        const length = head.readInt32LE(0);
        if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
          throw new ProtocolError(`message length ${length} is outside [${HEADER_SIZE}, ${MAX_MESSAGE_SIZE}]`);
        }
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
      out.push(all.subarray(0, this.expected));
      const rest = all.subarray(this.expected);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.expected = -1;
    }
    return out;
  }

  /** Bytes of an incomplete message left over. */
  get pending(): number {
    return this.buffered;
  }
}
