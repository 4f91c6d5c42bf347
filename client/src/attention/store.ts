/**
 * What this console did with the items addressed to its person (not domain state: the log
 * keeps the acknowledgements). Items already there when a space first loaded are counted but
 * raise no dialog or sound; items that arrive while the console runs are raised, in order.
 */
import { create } from 'zustand';

export interface AttentionUi {
  /** Per space, the keys present when it first loaded from the server (quiet). */
  baseline: Map<string, Set<string>>;
  /** Keys raised while the console ran, oldest first. */
  raised: string[];
  /** Put off with "Senare" (Esc): counted and listed, not in the dialog until asked for. */
  snoozed: Set<string>;
  /** Closed here: information closed, or an acknowledgement sent (the log settles it). */
  closed: Set<string>;
  /** The alarm call the dialog shows now, so the frame does not show it a second time. */
  alarmInDialog: string | null;
  setBaseline(space: string, keys: Iterable<string>): void;
  raise(keys: string[]): void;
  snooze(keys: string[]): void;
  close(key: string): void;
  /** Opens the dialog on everything still waiting (the header's "Att kvittera"). */
  reopen(keys: string[]): void;
  setAlarmInDialog(key: string | null): void;
  reset(): void;
}

const fresh = () => ({
  baseline: new Map<string, Set<string>>(),
  raised: [] as string[],
  snoozed: new Set<string>(),
  closed: new Set<string>(),
  alarmInDialog: null,
});

export const useAttentionUi = create<AttentionUi>()((set, get) => ({
  ...fresh(),
  setBaseline: (space, keys) => {
    const baseline = new Map(get().baseline);
    baseline.set(space, new Set(keys));
    set({ baseline });
  },
  raise: (keys) => {
    const have = new Set(get().raised);
    const add = keys.filter((k) => !have.has(k));
    if (add.length) set({ raised: [...get().raised, ...add] });
  },
  snooze: (keys) => set({ snoozed: new Set([...get().snoozed, ...keys]) }),
  close: (key) => set({ closed: new Set([...get().closed, key]) }),
  reopen: (keys) => {
    const have = new Set(get().raised);
    set({ snoozed: new Set(), raised: [...get().raised, ...keys.filter((k) => !have.has(k))] });
  },
  setAlarmInDialog: (key) => {
    if (get().alarmInDialog !== key) set({ alarmInDialog: key });
  },
  reset: () => set(fresh()),
}));
