import { createOutbox } from './outbox';

test('the outbox survives a reload through storage, per user', () => {
  const mem = new Map<string, string>();
  const storage = {
    getItem: (k: string) => mem.get(k) ?? null,
    setItem: (k: string, v: string) => void mem.set(k, v),
    removeItem: (k: string) => void mem.delete(k),
  } as unknown as Storage;
  const a = createOutbox('tib.farsta', storage);
  const cmd = {
    id: 'c1',
    type: 'log.write',
    payload: { text: 'x' },
    space: 'real',
    origin: 'f',
    createdAt: 'now',
  };
  a.add(cmd);
  a.add(cmd);
  expect(createOutbox('tib.farsta', storage).list()).toEqual([cmd]);
  expect(createOutbox('ordf', storage).list()).toEqual([]);
  a.remove('c1');
  expect(createOutbox('tib.farsta', storage).list()).toEqual([]);
});
