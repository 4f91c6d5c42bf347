/**
 * Blobs in an S3-compatible object store (MinIO in the compose file; any S3 in production),
 * shared by every node of the Redis mode. Keys are `<prefix>/<space>/<sha-256>`. An object is
 * acknowledged by the store once durable there; every read is checked against its hash, so a
 * damaged or substituted object is an error, never bytes shown as the attachment.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { StorageUnavailableError } from '../store/eventStore';
import {
  isHash,
  sha256,
  spaceFromSegment,
  spaceSegment,
  type BlobInfo,
  type BlobStore,
} from './blobStore';

export interface S3Settings {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style addressing (MinIO and most self-hosted stores need it). */
  forcePathStyle: boolean;
  /** Key prefix, so one bucket can hold several installations. */
  prefix: string;
}

const unavailable = (op: string, err: unknown) =>
  new StorageUnavailableError(`object store ${op} failed: ${(err as Error).message}`, err);

const notFound = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

type Sdk = typeof import('@aws-sdk/client-s3');

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  /** The SDK is loaded with the first store, not with every server: the journal mode starts faster. */
  private readonly ready: Promise<{ sdk: Sdk; client: S3Client }>;

  constructor(private readonly cfg: S3Settings) {
    this.ready = import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: cfg.region,
        ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
        forcePathStyle: cfg.forcePathStyle,
        ...(cfg.accessKeyId && cfg.secretAccessKey
          ? {
              credentials: {
                accessKeyId: cfg.accessKeyId,
                secretAccessKey: cfg.secretAccessKey,
              },
            }
          : {}),
        // Self-hosted S3 servers differ in which newer checksum headers they know; the content
        // is checked against its SHA-256 name on every read instead.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
      }),
    }));
    this.ready.catch(() => undefined); // reported by the first operation
  }

  private key(space: string, hash: string): string {
    if (!isHash(hash)) throw new Error(`not a blob hash: ${hash.slice(0, 80)}`);
    return `${this.cfg.prefix}/${spaceSegment(space)}/${hash}`;
  }

  /** Makes the bucket if it is missing (a fresh MinIO); refuses to start if it cannot be reached. */
  async ensureBucket(): Promise<void> {
    const { sdk, client } = await this.ready;
    try {
      await client.send(new sdk.HeadBucketCommand({ Bucket: this.cfg.bucket }));
    } catch (err) {
      if (!notFound(err)) throw unavailable('bucket check', err);
      try {
        await client.send(new sdk.CreateBucketCommand({ Bucket: this.cfg.bucket }));
      } catch (e) {
        throw unavailable('bucket create', e);
      }
    }
  }

  async put(space: string, hash: string, bytes: Buffer): Promise<void> {
    if (sha256(bytes) !== hash) throw new Error('blob content does not match its hash');
    const Key = this.key(space, hash);
    const { sdk, client } = await this.ready;
    try {
      const head = await client
        .send(new sdk.HeadObjectCommand({ Bucket: this.cfg.bucket, Key }))
        .catch((err: unknown) => {
          if (notFound(err)) return undefined;
          throw err;
        });
      if (head?.ContentLength === bytes.length) return;
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: this.cfg.bucket,
          Key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: 'application/octet-stream',
          Metadata: { sha256: hash },
        }),
      );
    } catch (err) {
      throw unavailable('write', err);
    }
  }

  async get(space: string, hash: string): Promise<Buffer | undefined> {
    let body: Uint8Array;
    const { sdk, client } = await this.ready;
    try {
      const res = await client.send(
        new sdk.GetObjectCommand({ Bucket: this.cfg.bucket, Key: this.key(space, hash) }),
      );
      if (!res.Body) return undefined;
      body = await res.Body.transformToByteArray();
    } catch (err) {
      if (notFound(err)) return undefined;
      throw unavailable('read', err);
    }
    const buf = Buffer.from(body);
    if (sha256(buf) !== hash)
      throw new StorageUnavailableError(`object ${hash} does not match its hash`);
    return buf;
  }

  async list(): Promise<BlobInfo[]> {
    const out: BlobInfo[] = [];
    let token: string | undefined;
    const { sdk, client } = await this.ready;
    try {
      do {
        const page = await client.send(
          new sdk.ListObjectsV2Command({
            Bucket: this.cfg.bucket,
            Prefix: `${this.cfg.prefix}/`,
            ContinuationToken: token,
          }),
        );
        for (const o of page.Contents ?? []) {
          const parts = (o.Key ?? '').slice(this.cfg.prefix.length + 1).split('/');
          if (parts.length !== 2 || !isHash(parts[1]!)) continue;
          out.push({
            space: spaceFromSegment(parts[0]!),
            hash: parts[1]!,
            size: o.Size ?? 0,
            modifiedAt: o.LastModified?.getTime() ?? 0,
          });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw unavailable('list', err);
    }
    return out;
  }

  async delete(space: string, hash: string): Promise<void> {
    const { sdk, client } = await this.ready;
    try {
      await client.send(
        new sdk.DeleteObjectCommand({ Bucket: this.cfg.bucket, Key: this.key(space, hash) }),
      );
    } catch (err) {
      throw unavailable('delete', err);
    }
  }

  async close(): Promise<void> {
    (await this.ready).client.destroy();
  }
}
