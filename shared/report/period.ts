/**
 * The first and last time in the events' own timestamps. Log order is not time order: events
 * may be recorded with an earlier time than those before them (imported or backdated history).
 */
export function periodOf(events: readonly { at: string }[]): { from?: string; to?: string } {
  let from: string | undefined;
  let to: string | undefined;
  for (const { at } of events) {
    if (from === undefined || Date.parse(at) < Date.parse(from)) from = at;
    if (to === undefined || Date.parse(at) > Date.parse(to)) to = at;
  }
  return { from, to };
}
