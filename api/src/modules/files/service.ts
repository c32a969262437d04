/**
 * Evidence files live in GridFS (bucket `evidence`), so any API instance can serve them. A file
 * is uploaded first (owned by its uploader, attached to nothing), then attached to one node by
 * a mutation; downloads are allowed to whoever may read that node's project.
 */
import mongoose from 'mongoose';
import { GridFSBucket, ObjectId } from 'mongodb';
import { fileTypeFromBuffer } from 'file-type';
import { Readable } from 'node:stream';
import type { Tx } from '../../lib/tx.js';

export const ALLOWED_TYPES: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/msword': ['doc'],
  'application/vnd.ms-excel': ['xls'],
  'application/x-cfb': ['doc', 'xls'],
  'application/zip': ['zip', 'docx', 'xlsx'],
};

export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

interface FileMeta {
  uploadedBy: string;
  contentType: string;
  attachedTo: string | null;
}

const bucket = () => new GridFSBucket(mongoose.connection.db! as never, { bucketName: 'evidence' });
const files = () => mongoose.connection.db!.collection<{ _id: ObjectId; filename: string; length: number; metadata: FileMeta; uploadDate: Date }>('evidence.files');

/** Keeps the base name only, without control or path characters (no traversal, no header tricks). */
export function safeFilename(raw: string): string {
  const base = raw.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').replace(/^\.+/, '').trim();
  return (clean || '附件').slice(0, 120);
}

export type SniffResult = { ok: true; contentType: string } | { ok: false; message: string };

/** The type comes from the bytes (magic numbers), and must agree with the file's extension. */
export async function sniff(buffer: Buffer, filename: string): Promise<SniffResult> {
  const ext = filename.includes('.') ? filename.split('.').pop()!.toLowerCase() : '';
  const detected = await fileTypeFromBuffer(buffer);
  if (!detected) return { ok: false, message: '不支持的文件类型（仅限PDF、图片、Word、Excel、ZIP）' };
  const exts = ALLOWED_TYPES[detected.mime];
  if (!exts) return { ok: false, message: `不支持的文件类型：${detected.ext}` };
  if (!exts.includes(ext) && !exts.includes(detected.ext)) return { ok: false, message: '文件扩展名与内容不符' };
  const contentType = detected.mime === 'application/x-cfb' || detected.mime === 'application/zip' ? mimeForExt(ext) ?? detected.mime : detected.mime;
  return { ok: true, contentType };
}

function mimeForExt(ext: string): string | undefined {
  return Object.entries(ALLOWED_TYPES).find(([mime, exts]) => exts.includes(ext) && mime !== 'application/x-cfb' && mime !== 'application/zip')?.[0];
}

export async function storeFile(buffer: Buffer, filename: string, contentType: string, uploadedBy: string): Promise<StoredFile> {
  const id = new ObjectId();
  await new Promise<void>((resolve, reject) => {
    const up = bucket().openUploadStreamWithId(id, filename, { metadata: { uploadedBy, contentType, attachedTo: null } satisfies FileMeta });
    Readable.from(buffer).pipe(up).on('finish', () => resolve()).on('error', reject);
  });
  return { id: id.toHexString(), filename, contentType, size: buffer.length };
}

/** Marks an unattached file of this uploader as belonging to a node; null if not possible. */
export async function claimEvidenceFile(fileId: string, userId: string, nodeId: string, tx: Tx): Promise<StoredFile | null> {
  if (!/^[0-9a-f]{24}$/.test(fileId)) return null;
  const doc = await files().findOneAndUpdate(
    { _id: new ObjectId(fileId), 'metadata.uploadedBy': userId, 'metadata.attachedTo': null },
    { $set: { 'metadata.attachedTo': nodeId } },
    { returnDocument: 'after', session: tx as never },
  );
  return doc ? { id: fileId, filename: doc.filename, contentType: doc.metadata.contentType, size: doc.length } : null;
}

export async function releaseEvidenceFile(fileId: string, tx: Tx): Promise<void> {
  await files().updateOne({ _id: new ObjectId(fileId) }, { $set: { 'metadata.attachedTo': 'removed' } }, { session: tx as never });
}

export async function fileInfo(fileId: string) {
  if (!/^[0-9a-f]{24}$/.test(fileId)) return null;
  return files().findOne({ _id: new ObjectId(fileId) });
}

export function openDownload(fileId: string) {
  return bucket().openDownloadStream(new ObjectId(fileId));
}
