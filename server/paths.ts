import { existsSync } from 'node:fs';
import path from 'node:path';

/** The project root, whether run from source (tsx) or from the bundle in dist/server. */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);
