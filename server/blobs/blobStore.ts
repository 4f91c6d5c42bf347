/**
 * Where attachment and library bytes live (docs/decisions/0016-blob-storage.md): named by
 * their SHA-256 under the space they belong to, written once and never changed, so a reader
 * that holds the hash from the log always gets exactly the bytes that were attached.
 * Embedded mode: files beside the journal (FileBlobStore). Redis mode: an S3-compatible object
 * store every node shares (S3BlobStore, server/blobs/s3BlobStore.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StorageUnavailableError } from '../store/eventStore';

export interface BlobInfo {
  space: string;
  hash: string;
  size: number;
  /** When it was written (ms); the orphan sweep spares young blobs. */
  modifiedAt: number;
}

export interface BlobStore {
  readonly kind: 'files' | 's3';
  /** Stores bytes under their hash; idempotent (the same hash is the same bytes). */
  put(space: string, hash: string, bytes: Buffer): Promise<void>;
  /** The bytes, or undefined when there is no such blob. */
  get(space: string, hash: string): Promise<Buffer | undefined>;
  /** Every blob, in no particular order. */
  list(): Promise<BlobInfo[]>;
  delete(space: string, hash: string): Promise<void>;
  close(): Promise<void>;
}

export const sha256 = (b: Buffer | Uint8Array): string =>
  createHash('sha256').update(b).digest('hex');

const HASH = /^[0-9a-f]{64}$/;
export const isHash = (h: string): boolean => HASH.test(h);

/** A space name as one path segment or key part: exercise names carry a colon. */
export const spaceSegment = (space: string): string => encodeURIComponent(space);
export const spaceFromSegment = (seg: string): string => decodeURIComponent(seg);

function check(space: string, hash: string): void {
  if (!isHash(hash)) throw new Error(`not a blob hash: ${hash.slice(0, 80)}`);
  if (space.length === 0 || space.length > 90) throw new Error('bad space name');
}

/**
 * Content-addressed files in DATA_DIR/blobs/<space>/<aa>/<sha-256>: written to a temporary
 * file, fsynced, renamed into place, and the directory fsynced, so after a crash a blob is
 * either whole under its name or absent, and an acknowledged attachment never points at a
 * half-written file.
 */
export class FileBlobStore implements BlobStore {
  readonly kind = 'files' as const;
  readonly root: string;
  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs');
  }

  private file(space: string, hash: string): string {
    check(space, hash);
    return path.join(this.root, spaceSegment(space), hash.slice(0, 2), hash);
  }

  async put(space: string, hash: string, bytes: Buffer): Promise<void> {
    if (sha256(bytes) !== hash) throw new Error('blob content does not match its hash');
    const file = this.file(space, hash);
    const dir = path.dirname(file);
    try {
      const st = await fs.stat(file).catch(() => null);
      if (st?.size === bytes.length) return;
      await fs.mkdir(dir, { recursive: true });
      const tmp = path.join(dir, `.${hash}.${randomBytes(4).toString('hex')}.tmp`);
      const fh = await fs.open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.rename(tmp, file);
      await syncDir(dir);
      // A new shard directory must itself survive a crash.
      await syncDir(path.dirname(dir));
    } catch (err) {
      throw new StorageUnavailableError(`blob write failed: ${(err as Error).message}`, err);
    }
  }

  async get(space: string, hash: string): Promise<Buffer | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.file(space, hash));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StorageUnavailableError(`blob read failed: ${(err as Error).message}`, err);
    }
    // A file changed on disk is an error, never bytes shown as the attachment.
    if (sha256(bytes) !== hash)
      throw new StorageUnavailableError(`blob ${hash} does not match its hash`);
    return bytes;
  }

  async list(): Promise<BlobInfo[]> {
    const out: BlobInfo[] = [];
    const spaces = await fs.readdir(this.root).catch(() => [] as string[]);
    for (const seg of spaces) {
      const shards = await fs.readdir(path.join(this.root, seg)).catch(() => [] as string[]);
      for (const shard of shards) {
        const dir = path.join(this.root, seg, shard);
        for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
          if (!isHash(name)) continue;
          const st = await fs.stat(path.join(dir, name));
          out.push({
            space: spaceFromSegment(seg),
            hash: name,
            size: st.size,
            modifiedAt: st.mtimeMs,
          });
        }
      }
    }
    return out;
  }

  async delete(space: string, hash: string): Promise<void> {
    await fs.rm(this.file(space, hash), { force: true });
  }

  async close(): Promise<void> {}
}

async function syncDir(dir: string): Promise<void> {
  const fh = await fs.open(dir, 'r');
  try {
    await fh.sync();
  } catch (err) {
    // Some file systems refuse fsync on a directory; the rename itself is then all we have.
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
  } finally {
    await fh.close();
  }
}
