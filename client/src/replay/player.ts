/**
 * The replay player's logic, pure: a period of the log (the state just before it and its
 * events, as /api/replay gives them) played back on a clock that runs `speed` times faster
 * than the wall clock. The screen only ticks it and draws the state; every rule of stepping,
 * seeking and stopping lives here and is unit-tested.
 */
import type { CityState } from '../../../shared/domain/state';
import type { StoredEvent } from '../../../shared/events';
import { applyEvent } from '../../../shared/reducer';

export const SPEEDS = [1, 10, 60, 600] as const;
export type Speed = (typeof SPEEDS)[number];

/** States are kept every this many events, so seeking back never replays the whole period. */
const CHECKPOINT_EVERY = 100;

export interface Recording {
  initial: CityState;
  events: StoredEvent[];
  /** Epoch ms of the start and end of the period (first and last event). */
  startMs: number;
  endMs: number;
}

export interface PlayerState {
  /** How many of the events have been applied (0 … events.length). */
  index: number;
  /** Where the replay clock stands, epoch ms (startMs … endMs). */
  clockMs: number;
  playing: boolean;
  speed: Speed;
}

export function recording(initial: CityState, events: StoredEvent[]): Recording {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const times = sorted.map((e) => Date.parse(e.at));
  const startMs = times.length ? times[0] : Date.parse(new Date(0).toISOString());
  // Clocks can step back by a hair across nodes; the timeline only moves forward.
  let endMs = startMs;
  for (const t of times) endMs = Math.max(endMs, t);
  return { initial, events: sorted, startMs, endMs };
}

const eventMs = (r: Recording, i: number): number => Date.parse(r.events[i].at);

export function initialPlayer(r: Recording, speed: Speed = 60): PlayerState {
  // The first event of the period is part of what is watched: start just before it applies.
  return { index: 0, clockMs: r.startMs, playing: false, speed };
}

/** How many events are due at a clock position (all whose time is at or before it). */
export function indexAt(r: Recording, clockMs: number): number {
  let lo = 0;
  let hi = r.events.length;
  // Times are non-decreasing in practice; a binary search over a running max keeps it exact
  // when they are not, since the scan below finishes the job.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (eventMs(r, mid) <= clockMs) lo = mid + 1;
    else hi = mid;
  }
  while (lo < r.events.length && eventMs(r, lo) <= clockMs) lo++;
  return lo;
}

/** The wall clock moved on by `wallMs`: advance the replay clock at its speed; stop at the end. */
export function tick(r: Recording, p: PlayerState, wallMs: number): PlayerState {
  if (!p.playing) return p;
  const clockMs = Math.min(r.endMs, p.clockMs + Math.max(0, wallMs) * p.speed);
  const index = Math.max(p.index, indexAt(r, clockMs));
  const atEnd = index >= r.events.length && clockMs >= r.endMs;
  return { ...p, clockMs, index, playing: !atEnd };
}

/** One event forward or back; the clock follows to that event's time. Pauses playback. */
export function step(r: Recording, p: PlayerState, dir: 1 | -1): PlayerState {
  const index = Math.min(r.events.length, Math.max(0, p.index + dir));
  const clockMs = index === 0 ? r.startMs : eventMs(r, index - 1);
  return { ...p, index, clockMs: Math.max(r.startMs, clockMs), playing: false };
}

/** Jump to a point on the timeline (the slider). */
export function seek(r: Recording, p: PlayerState, clockMs: number): PlayerState {
  const c = Math.min(r.endMs, Math.max(r.startMs, clockMs));
  return { ...p, clockMs: c, index: indexAt(r, c) };
}

export function play(r: Recording, p: PlayerState): PlayerState {
  // Play at the end starts over, as a media player does.
  if (p.index >= r.events.length && p.clockMs >= r.endMs)
    return { ...initialPlayer(r, p.speed), playing: r.events.length > 0 };
  return { ...p, playing: r.events.length > 0 };
}

export const pause = (p: PlayerState): PlayerState => ({ ...p, playing: false });

export const setSpeed = (p: PlayerState, speed: Speed): PlayerState => ({ ...p, speed });

/**
 * The state after the first `index` events, through the shared reducer. Keeps checkpoints so
 * moving the slider back and forth costs at most CHECKPOINT_EVERY events per frame.
 */
export class StateCache {
  private checkpoints = new Map<number, CityState>();
  constructor(private readonly r: Recording) {
    this.checkpoints.set(0, r.initial);
  }

  at(index: number): CityState {
    const target = Math.min(this.r.events.length, Math.max(0, index));
    let from = target - (target % CHECKPOINT_EVERY);
    while (!this.checkpoints.has(from)) from -= CHECKPOINT_EVERY;
    let s = this.checkpoints.get(from) as CityState;
    for (let i = from; i < target; i++) {
      const e = this.r.events[i];
      // Events this person may not see are left out; the reducer checks seq order, so the
      // state's seq is set to just before each event as the live store does.
      s = applyEvent({ ...s, seq: e.seq - 1 }, e);
      if ((i + 1) % CHECKPOINT_EVERY === 0) this.checkpoints.set(i + 1, s);
    }
    return s;
  }
}
