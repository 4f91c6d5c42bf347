import { rmSync } from 'node:fs';
import { describeEventStoreContract } from '../../test/store.contract';
import { tempDataDir } from '../../test/support/server';
import { JournalStore } from './journalStore';

describeEventStoreContract('embedded journal', async () => {
  const dir = tempDataDir('lb-journal-');
  return {
    store: new JournalStore(dir),
    reopen: async () => new JournalStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
