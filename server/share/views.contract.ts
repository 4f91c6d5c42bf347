/**
 * R95: what every store of share openings promises, run against the embedded file store
 * (views.test.ts) and the Redis one (redisViews.redis.test.ts).
 */
import { RECENT_VIEWS, VISITORS_CAP, type ShareViewStore } from './views';

const at = (i: number) => new Date(Date.UTC(2026, 0, 15, 8, 0, i)).toISOString();

export function shareViewStoreContract(make: () => Promise<ShareViewStore>): void {
  let store: ShareViewStore;
  beforeEach(async () => {
    store = await make();
  });
  afterEach(() => store.close());

  test('R95 counts openings per format, distinct visitors, first and last, newest first', async () => {
    await store.record('real', 'shr_a', { at: at(1), kind: 'page', visitor: 'v1' });
    await store.record('real', 'shr_a', { at: at(2), kind: 'page', visitor: 'v1' });
    await store.record('real', 'shr_a', { at: at(3), kind: 'atom', visitor: 'v2' });
    await store.record('real', 'shr_b', { at: at(4), kind: 'pdf', visitor: 'v1' });
    await store.record('exercise-x', 'shr_a', { at: at(5), kind: 'json', visitor: 'v3' });
    const got = await store.summaries('real', ['shr_a', 'shr_b', 'shr_none', '__proto__']);
    expect([...got.keys()].sort()).toEqual(['shr_a', 'shr_b']);
    expect(got.get('shr_a')).toEqual({
      count: 3,
      byKind: { page: 2, pdf: 0, json: 0, geojson: 0, atom: 1, jsonfeed: 0 },
      visitors: 2,
      visitorsCapped: false,
      firstAt: at(1),
      lastAt: at(3),
      recent: [
        { at: at(3), kind: 'atom', visitor: 'v2' },
        { at: at(2), kind: 'page', visitor: 'v1' },
        { at: at(1), kind: 'page', visitor: 'v1' },
      ],
    });
    expect(got.get('shr_b')?.count).toBe(1);
    expect((await store.summaries('exercise-x', ['shr_a'])).get('shr_a')?.byKind.json).toBe(1);
  });

  test('R95 a share opened thousands of times keeps a bounded record', async () => {
    const n = VISITORS_CAP + 60;
    for (let i = 0; i < n; i++)
      await store.record('real', 'shr_many', { at: at(i % 60), kind: 'page', visitor: `v${i}` });
    const s = (await store.summaries('real', ['shr_many'])).get('shr_many')!;
    expect(s.count).toBe(n);
    expect(s.visitors).toBe(VISITORS_CAP);
    expect(s.visitorsCapped).toBe(true);
    expect(s.recent).toHaveLength(RECENT_VIEWS);
    expect(s.recent[0].visitor).toBe(`v${n - 1}`);
  });
}
