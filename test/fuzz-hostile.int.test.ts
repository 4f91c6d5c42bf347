/**
 * Hostile ids and strings over every command type (R80, R81, R82): prototype names, empty,
 * 10 kB, control characters, Unicode look-alikes and path separators, placed by each
 * command's own schema where they reach the decision. Each command is refused with a clear
 * code or accepted, never INTERNAL; then the server is killed hard and restarted on the same
 * journal: the chain verifies, every acknowledged event is there at its seq, and the next
 * seq follows the last one written.
 */
import { rmSync } from 'node:fs';
import { COMMANDS } from '../shared/commands';
import { mayIssue } from '../shared/handleCommand';
import { ERROR_CODES } from '../shared/errors';
import { emptyState, type CityState } from '../shared/domain/state';
import { applyEvent } from '../shared/reducer';
import type { CommandAck } from '../shared/protocol';
import { JournalStore } from '../server/store/journalStore';
import { spawnServer, type ServerProcess } from './support/process';
import { connectConsole, login, tempDataDir, type TestConsole } from './support/server';
import { HOSTILE, payloadFor } from './support/hostile';
import { until } from './support/security';

const USERS = [
  'admin',
  'ordf',
  'stadsdir',
  'sakchef',
  'stabschef',
  'samverkan',
  'analys',
  'info',
  'admin.ckl',
  'tib.farsta',
  'sakord.trafik',
];
const TYPES = Object.keys(COMMANDS) as (keyof typeof COMMANDS)[];

const procs: ServerProcess[] = [];
const dataDir = tempDataDir('lb-hostile-');
afterAll(async () => {
  for (const p of procs) await p.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function send(c: TestConsole, type: string, payload: unknown, id: string): Promise<CommandAck> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer to ${type}`)), 10_000);
    c.socket.emit('command', { id, type, payload } as never, (a: CommandAck) => {
      clearTimeout(t);
      resolve(a);
    });
  });
}

test('R80 R81 R82 R83 hostile ids over every command type: refused with a clear code or kept across a SIGKILL, seq never reused', async () => {
  const env = { DATA_DIR: dataDir, PORT: '0', DEMO: 'on', SNAPSHOT_EVERY: '200' };
  const first = await spawnServer(env, 60_000);
  procs.push(first);
  const consoles = new Map<string, TestConsole>();
  for (const u of USERS)
    consoles.set(u, await connectConsole(first.url, await login(first.url, u)));
  const any = consoles.get('admin')!;
  await until(() => any.lastSeq() > 0, 'the demo city', 15_000);
  await new Promise((r) => setTimeout(r, 500));
  // The city as the admin's console holds it: its snapshot, if any, and the events after it.
  const base = any.snapshots.at(-1);
  let city: CityState = (base?.state as CityState | undefined) ?? emptyState('real');
  for (const e of any.events) if (e.seq > city.seq) city = applyEvent(city, e);
  const state = (): CityState => city;
  const now = new Date().toISOString();

  const acked: { commandId: string; seq: number }[] = [];
  const codes = new Map<string, number>();
  const internal: string[] = [];
  let sent = 0;
  for (const type of TYPES) {
    const schema = COMMANDS[type].payload;
    for (const h of HOSTILE) {
      for (const everywhere of [false, true]) {
        const payload = payloadFor(schema, h.value, everywhere);
        // Whoever the policy lets issue it (against the state at the start), else the admin:
        // a refusal by policy would never reach the decision with the hostile value.
        const allowed = USERS.filter((u) => {
          const me = state().users[u];
          if (!me) return false;
          const actor = {
            userId: u,
            name: me.name,
            role: me.role,
            districtId: me.districtId,
            unitId: me.unitId,
          };
          return mayIssue(actor, type, payload, state(), now) === null;
        });
        for (const u of (allowed.length ? allowed : ['admin']).slice(0, 1)) {
          const id = `hostile-${++sent}`;
          const ack = await send(consoles.get(u)!, type, payload, id);
          if (ack.ok) {
            if (!ack.duplicate) acked.push({ commandId: `${u}:${id}`, seq: ack.seq });
            continue;
          }
          codes.set(ack.error.code, (codes.get(ack.error.code) ?? 0) + 1);
          expect(ERROR_CODES).toContain(ack.error.code);
          expect(ack.error.message).toMatch(/[a-zåäö]{3}/i);
          if (ack.error.code === 'INTERNAL' || ack.error.code === 'INVALID_EVENT')
            internal.push(
              `${type} as ${u} with ${h.name}${everywhere ? ' everywhere' : ''}: ${ack.error.code} ${ack.error.message}`,
            );
        }
      }
    }
  }
  console.log(
    `hostile: ${sent} commands over ${TYPES.length} types, ${acked.length} accepted`,
    Object.fromEntries(codes),
  );
  expect(internal).toEqual([]);
  expect(acked.length).toBeGreaterThan(50);
  const lastAcked = Math.max(...acked.map((a) => a.seq));

  // Killed hard, restarted on the same journal.
  for (const c of consoles.values()) c.close();
  await first.kill('SIGKILL');
  const store = new JournalStore(dataDir);
  for (const space of await store.spaces()) {
    const r = await store.verify(space);
    expect({ space, chainBreak: r.chainBreak, bad: r.badRecords }).toEqual({
      space,
      chainBreak: undefined,
      bad: undefined,
    });
  }
  const log = await store.read('real', 0);
  await store.close();
  const bySeq = new Map(log.map((e) => [e.seq, e.commandId]));
  for (const a of acked) expect(bySeq.get(a.seq)).toBe(a.commandId);
  const lastSeq = log.at(-1)!.seq;
  expect(lastSeq).toBeGreaterThanOrEqual(lastAcked);

  const second = await spawnServer(env, 60_000);
  procs.push(second);
  const again = await connectConsole(second.url, await login(second.url, 'stadsdir'));
  const ack = await again.command('log.write', { text: 'Efter omstarten.' });
  again.close();
  expect(ack).toEqual({ ok: true, seq: lastSeq + 1, firstSeq: lastSeq + 1 });
}, 180_000);
