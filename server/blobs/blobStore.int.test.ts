/** R217: both blob stores keep bytes under their SHA-256, whole or not at all. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileBlobStore, sha256, type BlobStore } from './blobStore';
import { S3BlobStore } from './s3BlobStore';
import { startS3, type TestS3 } from '../../test/support/s3';

function contract(
  name: string,
  make: () => Promise<{ store: BlobStore; done: () => Promise<void> }>,
) {
  describe(name, () => {
    let store: BlobStore;
    let done: () => Promise<void>;
    beforeAll(async () => ({ store, done } = await make()));
    afterAll(() => done());

    test('R217 stores bytes under their hash and reads them back exactly', async () => {
      const bytes = Buffer.from('Bild från Farsta centrum\n');
      const hash = sha256(bytes);
      await store.put('real', hash, bytes);
      await store.put('real', hash, bytes); // idempotent
      expect((await store.get('real', hash))?.equals(bytes)).toBe(true);
      const listed = (await store.list()).filter((b) => b.hash === hash);
      expect(listed).toEqual([expect.objectContaining({ space: 'real', size: bytes.length })]);
    });

    test('R217 a blob belongs to its space: an exercise does not read the real one', async () => {
      const bytes = Buffer.from('endast verkligt');
      const hash = sha256(bytes);
      await store.put('real', hash, bytes);
      expect(await store.get('exercise:x1', hash)).toBeUndefined();
      await store.put('exercise:x1', hash, bytes);
      expect((await store.list()).some((b) => b.space === 'exercise:x1')).toBe(true);
    });

    test('R217 bytes that do not match the hash are refused and nothing is stored', async () => {
      const hash = sha256(Buffer.from('a'));
      await expect(store.put('real', hash, Buffer.from('b'))).rejects.toThrow(/hash/);
      expect(await store.get('real', hash)).toBeUndefined();
    });

    test('R217 an unknown hash reads as absent; delete removes', async () => {
      const bytes = Buffer.from('tas bort');
      const hash = sha256(bytes);
      expect(await store.get('real', hash)).toBeUndefined();
      await store.put('real', hash, bytes);
      await store.delete('real', hash);
      expect(await store.get('real', hash)).toBeUndefined();
    });
  });
}

contract('FileBlobStore', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lb-blobs-'));
  return { store: new FileBlobStore(dir), done: async () => rmSync(dir, { recursive: true }) };
});

let s3: TestS3;
contract('S3BlobStore (s3rver through the AWS SDK)', async () => {
  s3 = await startS3();
  const store = new S3BlobStore(s3.settings());
  await store.ensureBucket();
  return {
    store,
    done: async () => {
      await store.close();
      await s3.close();
    },
  };
});

test('R217 FileBlobStore leaves no temporary file and a damaged file is not passed off', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lb-blobs-'));
  const store = new FileBlobStore(dir);
  const bytes = Buffer.from('hel fil');
  const hash = sha256(bytes);
  await store.put('real', hash, bytes);
  const shard = path.join(dir, 'blobs', 'real', hash.slice(0, 2));
  expect(readdirSync(shard)).toEqual([hash]);
  writeFileSync(path.join(shard, hash), 'manipulerad');
  await expect(store.get('real', hash)).rejects.toThrow(/hash/);
  rmSync(dir, { recursive: true });
});

test('R217 S3BlobStore makes its bucket when it is missing', async () => {
  const s = await startS3('annan');
  const store = new S3BlobStore({ ...s.settings(), bucket: 'ny-hink' });
  await store.ensureBucket();
  const bytes = Buffer.from('x');
  await store.put('real', sha256(bytes), bytes);
  expect((await store.get('real', sha256(bytes)))?.toString()).toBe('x');
  await store.close();
  await s.close();
});
