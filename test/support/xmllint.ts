/** The official CAP 1.2 schema and a real validator (Debian's libxml2-utils) for the tests. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/paths';

/** Read where the project's shared data lives (../shared/data/cap); never copied into the project. */
export const CAP_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'cap');
export const CAP_XSD = path.join(CAP_DIR, 'CAP-v1.2.xsd');

export function xmllint(file: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', CAP_XSD, file], {
    encoding: 'utf8',
  });
  if (r.error) throw r.error; // a missing validator must fail the test, not pass it
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
