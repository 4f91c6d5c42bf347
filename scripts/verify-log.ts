/**
 * `npm run verify-log [-- --data DIR] [--space NAME]`: re-reads every journal and checks the
 * hash chain; prints the first broken link and exits 1 if there is one.
 */
import path from 'node:path';
import { JournalStore } from '../server/store/journalStore';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = path.resolve(opt('data') ?? process.env.DATA_DIR ?? 'data');
  const store = new JournalStore(dir);
  const spaces = opt('space') ? [opt('space') as string] : await store.spaces();
  if (spaces.length === 0) {
    console.log(`Ingen journal i ${dir}.`);
    return;
  }
  let broken = false;
  for (const space of spaces) {
    const r = await store.verify(space);
    if (r.chainBreak) {
      broken = true;
      console.log(
        `${space}: BRUTEN vid sekvens ${r.chainBreak.seq} – ${r.chainBreak.reason} (${r.eventCount} händelser lästa)`,
      );
    } else if (r.truncatedTail) {
      console.log(
        `${space}: ${r.eventCount} händelser, kedjan hel; ofullständig sista rad (${r.truncatedTail.bytes} byte) efter sekvens ${r.truncatedTail.afterSeq}`,
      );
    } else {
      console.log(`${space}: ${r.eventCount} händelser, kedjan hel (sista sekvens ${r.lastSeq}).`);
    }
  }
  process.exitCode = broken ? 1 : 0;
}

void main();
