/**
 * The alarm's timed work as a pure function of the state: what must be sent and which
 * silence timers must run. The embedded mode rebuilds its in-process timers from this at
 * start-up; the Redis mode re-adds them (BullMQ drops ids it already holds). R52.
 */
import type { CityState } from './state';
import { WAITING_STATES, type ChannelKind } from './alarm';
import { tableValues } from './table';

import { lookup } from './keyed';
export interface DispatchJobData {
  space: string;
  alarmId: string;
  key: string;
  n: number;
  channel: ChannelKind;
  attempt: number;
}
export interface TimeoutJobData {
  space: string;
  alarmId: string;
  key: string;
  stage: 1 | 2;
  deadline: string;
}
export type AlarmJob =
  | { id: string; kind: 'alarm.dispatch'; runAt: number; data: DispatchJobData }
  | { id: string; kind: 'alarm.timeout'; runAt: number; data: TimeoutJobData };

/** BullMQ forbids ':' in job ids; '|' does not occur in our ids. */
export const dispatchJobId = (d: DispatchJobData): string =>
  ['alarm-send', d.space, d.alarmId, d.key, d.n, d.channel, d.attempt].join('|');
export const timeoutJobId = (
  d: Pick<TimeoutJobData, 'space' | 'alarmId' | 'key' | 'stage'>,
): string => ['alarm-timer', d.space, d.alarmId, d.key, d.stage].join('|');

export function dispatchJob(d: DispatchJobData, runAt: number): AlarmJob {
  return { id: dispatchJobId(d), kind: 'alarm.dispatch', runAt, data: d };
}
export function timeoutJob(d: TimeoutJobData): AlarmJob {
  return { id: timeoutJobId(d), kind: 'alarm.timeout', runAt: Date.parse(d.deadline), data: d };
}

/** Whether message n still has a reason to go to a person in this state. */
export function messageStillWanted(n: number, state: string): boolean {
  if (n === 3) return state === 'stood_down';
  if (n === 2) return state === 'reminded';
  return (WAITING_STATES as readonly string[]).includes(state);
}

export function pendingAlarmJobs(state: CityState, now: number): AlarmJob[] {
  const jobs: AlarmJob[] = [];
  const space = state.space;
  for (const id of state.alarm.alarmOrder) {
    const a = lookup(state.alarm.alarms, id);
    if (!a) continue;
    for (const r of tableValues(a.recipients)) {
      for (const s of Object.values(r.sends)) {
        if (s.status !== 'pending' && s.status !== 'failed') continue;
        if (s.n < 3 && a.status !== 'active') continue;
        if (!messageStillWanted(s.n, r.state)) continue;
        const runAt = s.status === 'failed' && s.retryAt ? Date.parse(s.retryAt) : now;
        jobs.push(
          dispatchJob(
            {
              space,
              alarmId: a.id,
              key: r.key,
              n: s.n,
              channel: s.channel,
              attempt: s.attempts + 1,
            },
            runAt,
          ),
        );
      }
      if (a.status !== 'active' || lookup(a.lists, r.listId)?.staffedAt) continue;
      const stage =
        r.state === 'reminded' ? 2 : ['queued', 'sent', 'delivered'].includes(r.state) ? 1 : 0;
      if (stage)
        jobs.push(
          timeoutJob({
            space,
            alarmId: a.id,
            key: r.key,
            stage: stage as 1 | 2,
            deadline: r.deadline,
          }),
        );
    }
  }
  return jobs;
}
