// After `vite build`: moves the client's source maps out of the served directory (operators
// keep them in dist/sourcemaps/client/) and writes a brotli and a gzip copy beside every
// compressible file, so the server sends precompressed bytes and never compresses per request.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLIENT = path.join(ROOT, 'dist', 'client');
const MAPS = path.join(ROOT, 'dist', 'sourcemaps', 'client');
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest|xml)$/;

const walk = (dir) =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

// Maps of an earlier build would no longer match the bundle beside them.
rmSync(MAPS, { recursive: true, force: true });
let maps = 0;
let written = 0;
for (const file of walk(CLIENT)) {
  const rel = path.relative(CLIENT, file);
  if (file.endsWith('.map')) {
    const to = path.join(MAPS, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(file, to);
    maps++;
    continue;
  }
  if (!COMPRESSIBLE.test(file)) continue;
  const raw = readFileSync(file);
  if (raw.includes('sourceMappingURL='))
    throw new Error(`${rel} references a source map; the build must use sourcemap: 'hidden'`);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  // A copy that is not smaller is not worth a second request path.
  for (const [ext, bytes] of [
    ['br', br],
    ['gz', gz],
  ])
    if (bytes.length < raw.length) {
      writeFileSync(`${file}.${ext}`, bytes);
      written++;
    }
}
console.log(
  `compress-client: ${written} precompressed files, ${maps} source maps moved to ${path.relative(ROOT, MAPS)}`,
);
