/**
 * R140 Membership of a new exercise is in force for every command admitted after
 * `exercise.start` is acknowledged: the space and its participants exist before the ack
 * reaches anyone.
 */
import { refusedRightAfterStart } from './support/exerciseStarts';
import { serverPerFile } from './support/server';

const { open, real } = serverPerFile();

test("R140 a participant's first command right after the exercise.start ack is never refused (50 starts)", async () => {
  const lead = await open('stabschef');
  const tib = await open('tib.farsta');
  const refused = await refusedRightAfterStart(
    { lead, tib, real: () => real().state, count: 50, name: (i) => `Övning direkt ${i}` },
    async (ex, i) => {
      // Both at once, as a console that learnt of the exercise from the ack would.
      const [write, sub] = await Promise.all([
        tib.command('log.write', { text: `Första anteckningen ${i}.` }, { space: ex.space }),
        new Promise<{ ok: boolean; message?: string }>((r) =>
          tib.socket.emit('subscribe', { space: ex.space, lastSeq: 0 }, r),
        ),
      ]);
      return [
        ...(write.ok ? [] : [`${i}: ${write.error.code} ${write.error.message}`]),
        ...(sub.ok ? [] : [`${i}: subscribe ${sub.message}`]),
      ];
    },
  );
  expect(refused).toEqual([]);
});
