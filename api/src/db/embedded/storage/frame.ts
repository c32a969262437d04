/**
 * The framing shared by journal segments and snapshot files:
 *
 *   magic u32 LE | length u32 LE | crc u32 LE | body (length bytes)
 *
 * crc is CRC-32 (node's zlib.crc32, native) over the length field and the body, so a
 * damaged length is caught as surely as a damaged body. The magic lets recovery look for
 * later intact frames after a damaged one without checksumming at every byte offset.
 */
import { crc32 } from 'node:zlib';
import { readAt, type FileHandleLike } from './io.js';

export const FRAME_MAGIC = 0x314a535a; // "ZSJ1" little-endian
export const FRAME_HEADER = 12;
/** Larger than any batch the wire protocol can carry (48 MB messages), small enough to reject garbage lengths. */
export const MAX_FRAME_BODY = 1 << 30;

/** Allocates a frame for a body of `bodyLength` bytes; fill the body, then call sealFrame. */
export function allocFrame(bodyLength: number): Buffer {
  if (bodyLength > MAX_FRAME_BODY) throw new RangeError(`frame body of ${bodyLength} bytes exceeds ${MAX_FRAME_BODY}`);
  const frame = Buffer.allocUnsafe(FRAME_HEADER + bodyLength);
  frame.writeUInt32LE(FRAME_MAGIC, 0);
  frame.writeUInt32LE(bodyLength, 4);
  return frame;
}

/** Computes the checksum of a filled frame in place. */
export function sealFrame(frame: Buffer): Buffer {
  const crc = crc32(frame.subarray(FRAME_HEADER), crc32(frame.subarray(4, 8)));
  frame.writeUInt32LE(crc, 8);
  return frame;
}

export function encodeFrame(parts: Uint8Array[]): Buffer {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const frame = allocFrame(length);
  let at = FRAME_HEADER;
  for (const p of parts) {
    frame.set(p, at);
    at += p.length;
  }
  return sealFrame(frame);
}

export type FrameCheck =
  | { kind: 'ok'; body: Buffer; end: number }
  | { kind: 'truncated'; reason: string }
  | { kind: 'bad'; reason: string };

/** Checks the frame starting at `off` of `buf` (`buf` ends where the file ends). */
export function checkFrameAt(buf: Buffer, off: number): FrameCheck {
  if (buf.length - off < FRAME_HEADER) return { kind: 'truncated', reason: 'incomplete frame header' };
  if (buf.readUInt32LE(off) !== FRAME_MAGIC) return { kind: 'bad', reason: 'bad frame marker' };
  const length = buf.readUInt32LE(off + 4);
  if (length > MAX_FRAME_BODY) return { kind: 'bad', reason: `bad frame length ${length}` };
  const end = off + FRAME_HEADER + length;
  if (end > buf.length) return { kind: 'truncated', reason: `frame of ${length} bytes cut short` };
  const body = buf.subarray(off + FRAME_HEADER, end);
  const crc = crc32(body, crc32(buf.subarray(off + 4, off + 8)));
  if (crc !== buf.readUInt32LE(off + 8)) return { kind: 'bad', reason: 'checksum mismatch' };
  return { kind: 'ok', body, end };
}

/** Offsets after `from` where an intact frame starts (a scan for data past a damaged frame). */
export function* intactFramesAfter(buf: Buffer, from: number): Generator<{ offset: number; body: Buffer }> {
  const marker = Buffer.alloc(4);
  marker.writeUInt32LE(FRAME_MAGIC, 0);
  for (let at = buf.indexOf(marker, from); at !== -1; at = buf.indexOf(marker, at + 1)) {
    const check = checkFrameAt(buf, at);
    if (check.kind === 'ok') yield { offset: at, body: check.body };
  }
}

/**
 * Reads the frames of a file front to back in bounded chunks (snapshots can be larger than
 * one wants to hold twice in memory). After `next()` returns null, `stop` says why.
 */
export class FrameReader {
  /** Offset of the next unread frame: after the last good one once reading stopped. */
  offset = 0;
  stop: { kind: 'end' } | { kind: 'truncated' | 'bad'; reason: string } = { kind: 'end' };
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly handle: FileHandleLike,
    private readonly size: number,
    private readonly chunk = 1 << 20,
  ) {}

  async next(): Promise<Buffer | null> {
    if (this.offset >= this.size) return null;
    const header = await this.bytes(this.offset, FRAME_HEADER);
    let check = checkFrameAt(header, 0);
    if (check.kind === 'truncated' && header.length === FRAME_HEADER) {
      // The header is sane (magic and length checked); now read the whole frame.
      const total = Math.min(FRAME_HEADER + header.readUInt32LE(4), this.size - this.offset);
      check = checkFrameAt(await this.bytes(this.offset, total), 0);
    }
    if (check.kind !== 'ok') {
      this.stop = check;
      return null;
    }
    this.offset += check.end;
    return check.body;
  }

  private async bytes(at: number, length: number): Promise<Buffer> {
    const rel = at - this.windowStart;
    if (rel >= 0 && rel + length <= this.window.length) return this.window.subarray(rel, rel + length);
    this.window = await readAt(this.handle, at, Math.min(Math.max(length, this.chunk), this.size - at));
    this.windowStart = at;
    return this.window.subarray(0, length);
  }
}
