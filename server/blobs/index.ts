import type { Config } from '../config';
import { FileBlobStore, type BlobStore } from './blobStore';
import { S3BlobStore } from './s3BlobStore';

export { FileBlobStore, sha256, type BlobStore } from './blobStore';
export { S3BlobStore } from './s3BlobStore';
export { mountFileRoutes } from './routes';
export { collectOrphans } from './sweep';

/** The object store when BLOB_S3_BUCKET is set, files beside the journal otherwise. */
export function blobStoreFor(config: Config): BlobStore {
  return config.blobS3 ? new S3BlobStore(config.blobS3) : new FileBlobStore(config.dataDir);
}
