/** GET /api/log/entries searches the log by kind, area, author, time and words (R229). */
import { connectConsole, login, serverPerFile } from './support/server';

const { srv } = serverPerFile();
let cookie: string;
beforeAll(async () => {
  cookie = await login(srv.url, 'stadsdir');
});

interface Entry {
  seq: number;
  kind: string;
  text: string;
  at: string;
  by: { userId: string };
  eventId?: string;
}
async function get(
  query: string,
): Promise<{ entries: Entry[]; nextBefore?: number | null; count?: number; latestSeq: number }> {
  const res = await fetch(`${srv.url}/api/log/entries?${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.json() as never;
}

test('R229 without filters the route pages the dagbok as before; with kinds it searches the log', async () => {
  const plain = await get('limit=50');
  expect(plain.entries.length).toBeGreaterThan(0);
  expect(new Set(plain.entries.map((e) => e.kind))).toEqual(new Set(['note']));
  const decisions = await get('kinds=decision&limit=50');
  expect(decisions.entries.length).toBeGreaterThan(0);
  expect(decisions.entries.every((e) => e.kind === 'decision' && /^[A-ZÅÄÖ]/.test(e.text))).toBe(
    true,
  );
  // Newest first.
  const seqs = decisions.entries.map((e) => e.seq);
  expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
});

test('R229 area, author, time and words narrow the search; a bad parameter is refused', async () => {
  const all = await get('kinds=note,decision,report,task,level,marker&limit=500');
  const byDirector = await get(
    'kinds=note,decision,report,task,level,marker&author=stadsdir&limit=500',
  );
  expect(byDirector.entries.length).toBeGreaterThan(0);
  expect(byDirector.entries.every((e) => e.by.userId === 'stadsdir')).toBe(true);
  expect(byDirector.entries.length).toBeLessThan(all.entries.length);

  const farsta = await get('kinds=report&area=farsta&limit=500');
  expect(farsta.entries.length).toBeGreaterThan(0);
  expect(farsta.entries.every((e) => e.text.startsWith('Farsta:'))).toBe(true);

  const words = await get('kinds=report&q=aldreboenden%20reservkraft&limit=500');
  expect(words.entries.length).toBeGreaterThan(0);
  expect(
    words.entries.every((e) => /äldreboenden/i.test(e.text) && /reservkraft/i.test(e.text)),
  ).toBe(true);

  const mid = all.entries[Math.floor(all.entries.length / 2)].at;
  const later = await get(
    `kinds=note,decision,report,task,level,marker&from=${encodeURIComponent(mid)}&limit=500`,
  );
  expect(later.entries.every((e) => e.at >= mid)).toBe(true);
  const earlier = await get(
    `kinds=note,decision,report,task,level,marker&to=${encodeURIComponent(mid)}&limit=500`,
  );
  expect(earlier.entries.every((e) => e.at <= mid)).toBe(true);
  expect(later.entries.length + earlier.entries.length).toBeGreaterThanOrEqual(all.entries.length);

  for (const bad of ['kinds=lunch', 'from=igår', 'limit=5000', 'after=-1']) {
    const res = await fetch(`${srv.url}/api/log/entries?${bad}`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /Ogiltiga/,
    );
  }
});

test('R229 after=<seq> gives what arrived since, newest first, with the count', async () => {
  const top = await get('kinds=note&limit=1');
  const c = await connectConsole(srv.url, cookie);
  try {
    for (const text of ['Första nya raden', 'Andra nya raden', 'Tredje nya raden'])
      expect((await c.command('log.write', { text })).ok).toBe(true);
  } finally {
    c.close();
  }
  const since = await get(`kinds=note&after=${top.latestSeq}&limit=2`);
  expect(since.count).toBe(3);
  expect(since.entries.map((e) => e.text)).toEqual(['Tredje nya raden', 'Andra nya raden']);
});
