/**
 * A real S3 protocol server (s3rver) on a loopback port, with its own directory: the object
 * store tests talk to it through the real AWS SDK, as production talks to MinIO or S3.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { S3Settings } from '../../server/blobs/s3BlobStore';

// s3rver ships no types; only its constructor and run/close are used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (opts: Record<string, unknown>) => {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
};

export interface TestS3 {
  endpoint: string;
  settings(prefix?: string): S3Settings;
  close(): Promise<void>;
}

export async function startS3(bucket = 'lagesbild-test'): Promise<TestS3> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lb-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  });
  const addr = await server.run();
  const endpoint = `http://127.0.0.1:${addr.port}`;
  return {
    endpoint,
    settings: (prefix = 'blobs') => ({
      endpoint,
      region: 'us-east-1',
      bucket,
      // s3rver's fixed development credentials.
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix,
    }),
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
