import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileShareViewStore } from './views';
import { shareViewStoreContract } from './views.contract';

describe('the embedded store of share openings', () => {
  shareViewStoreContract(
    async () =>
      new FileShareViewStore(path.join(mkdtempSync(path.join(tmpdir(), 'lb-views-')), 'v.json'), 0),
  );

  test('R95 the openings survive a restart (written on close, read on start)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lb-views-')), 'share-views.json');
    const a = new FileShareViewStore(file);
    await a.record('real', 'shr_x', { at: '2026-01-15T08:00:00.000Z', kind: 'pdf', visitor: 'v' });
    await a.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).entries).toHaveLength(1);
    const b = new FileShareViewStore(file);
    expect((await b.summaries('real', ['shr_x'])).get('shr_x')?.byKind.pdf).toBe(1);
    await b.close();
  });
});
