/**
 * The alarm service: reacts to committed alarm events by scheduling jobs (dispatch, retries,
 * reminders, escalation), and runs those jobs by sending over channels and submitting system
 * commands whose id is derived from the job id, so a job that runs twice has one effect (R52).
 */
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import {
  LINK_TTL_MS,
  MAX_SEND_ATTEMPTS,
  isExerciseSpace,
  retryDelayMs,
  sendKey,
  type Alarm,
  type ChannelKind,
  type Recipient,
  recipientOf,
} from '../../shared/domain/alarm';
import {
  dispatchJob,
  messageStillWanted,
  pendingAlarmJobs,
  timeoutJob,
  timeoutJobId,
  type AlarmJob,
  type DispatchJobData,
  type TimeoutJobData,
} from '../../shared/domain/alarmJobs';
import type { StoredEvent } from '../../shared/events';
import type { ScheduledJob, Scheduler } from '../jobs/scheduler';
import type { Space } from '../space';
import {
  ChannelError,
  DEFAULT_SEND_CONCURRENCY,
  type Channel,
  type Channels,
  type OutgoingMessage,
} from '../channels';
import { hashToken, linkToken } from './token';
import { OutboxChannel, type MailboxEntry } from '../channels/local';
import { tableGet } from '../../shared/domain/table';
import { messageForRecipient } from '../../shared/domain/alarmMessage';
import { lookup } from '../../shared/domain/keyed';

export interface AlarmServiceConfig {
  /** Where answer links point, e.g. https://lagesbild.stad.se (no trailing slash). */
  publicUrl: () => string;
  secret: Buffer;
}

export interface AlarmServiceDeps {
  spaces: Map<string, Space>;
  scheduler: Scheduler;
  channels: Channels;
  config: AlarmServiceConfig;
  now?: () => number;
  /** Sends in flight per channel (`DEFAULT_SEND_CONCURRENCY`, `ALARM_SEND_CONCURRENCY`). */
  sendConcurrency?: number;
  /** Observability hook: how late each silence timer fired (ms), for the benchmark. */
  onTimerFired?: (lateMs: number, job: TimeoutJobData) => void;
  /**
   * How often the jobs the log says are pending are checked against the job queue, and any it
   * lost restored (`Scheduler.restore`). Also right after the queue's connection comes back.
   */
  restoreEveryMs?: number;
  /** Observability hook: every hand-over to a channel (ok or not). */
  onSend?: (msg: OutgoingMessage, ok: boolean, error?: string) => void;
}

export interface AlarmService {
  /** Start reacting to a space (the real one at start, exercises as they open). */
  wireSpace(space: Space): Promise<void>;
  /** What the local outbox "sent", links included: for the operator's process, never a route. */
  readonly mailbox: readonly MailboxEntry[];
  close(): Promise<void>;
}

const REMINDER_PREFIX = 'PÅMINNELSE: ';

function messageText(
  space: string,
  a: Alarm,
  r: Recipient,
  n: number,
): { subject: string; text: string } {
  const tag = a.exercise || isExerciseSpace(space) ? 'ÖVNING – ' : '';
  const base = messageForRecipient(a, r);
  if (n === 3)
    return {
      subject: `${tag}Larm avslutat: ${a.title}`,
      text: `${tag}${a.title}: du behöver inte komma – funktionen är bemannad eller larmet avbrutet. Tack!`,
    };
  return {
    subject: `${tag}${n === 2 ? 'Påminnelse: ' : 'Larm: '}${a.title}`,
    text: `${tag}${n === 2 ? REMINDER_PREFIX : ''}${base}`,
  };
}

/**
 * At most `n` sends in flight per channel: a burst of 1,000 would otherwise open 1,000
 * connections at once, time out on our side while the provider still delivers, and retry into
 * duplicates. Providers rate-limit anyway; the queue is ours, visible and bounded.
 */
function limiter(n: number): <T>(f: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (f) => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    active += 1;
    try {
      return await f();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

export function startAlarmService(deps: AlarmServiceDeps): AlarmService {
  const { spaces, scheduler, channels, config } = deps;
  const now = deps.now ?? Date.now;
  const wired = new Map<string, (events: StoredEvent[]) => void>();
  const limits = new Map<Channel, ReturnType<typeof limiter>>();
  const limited = (ch: Channel) => {
    let l = limits.get(ch);
    if (!l) limits.set(ch, (l = limiter(deps.sendConcurrency ?? DEFAULT_SEND_CONCURRENCY)));
    return l;
  };
  let closed = false;

  const scheduleSends = (jobs: AlarmJob[]): Promise<void> =>
    scheduler.scheduleFixed(jobs as ScheduledJob[]).catch((err: Error) => {
      console.error(`[alarm] could not schedule ${jobs.length} sends: ${err.message}`);
    });
  const schedule = (job: AlarmJob): Promise<void> =>
    scheduler.schedule(job as ScheduledJob).catch((err: Error) => {
      console.error(`[alarm] could not schedule ${job.id}: ${err.message}`);
    });

  /** The channel that actually carries a message: the outbox stands in when there is no provider (R50). */
  function carrier(kind: ChannelKind, a: Alarm): Channel {
    if (kind === 'outbox') return channels.outbox;
    const real = kind === 'sms' || kind === 'email' || kind === 'webhook';
    if (real && a.exercise && !a.realChannels) return channels.outbox;
    return channels[kind] ?? channels.outbox;
  }

  async function runDispatch(job: ScheduledJob<DispatchJobData>): Promise<void> {
    const d = job.data;
    const space = spaces.get(d.space);
    if (!space || closed) return;
    let a = lookup(space.state.alarm.alarms, d.alarmId);
    let r = recipientOf(a, d.key);
    let rec = lookup(r?.sends, sendKey(d.n, d.channel));
    if (!rec) {
      // Another node queued it and this one has not read that yet: completing the job now
      // would drop the message for good.
      await space.sync();
      a = lookup(space.state.alarm.alarms, d.alarmId);
      r = recipientOf(a, d.key);
      rec = lookup(r?.sends, sendKey(d.n, d.channel));
      if (!rec && a) throw new Error(`${job.id}: not yet in this node's state; retried`);
    }
    if (!a || !r || !rec) return;
    if (rec.status === 'sent' || rec.status === 'gave_up' || rec.attempts >= d.attempt) return;
    if (!messageStillWanted(d.n, r.state) || (d.n < 3 && a.status !== 'active')) return;

    let link: string | undefined;
    if (d.n < 3) {
      const token = linkToken(config.secret, d.space, d.alarmId, d.key);
      const tokenHash = hashToken(token);
      if (r.tokenHash !== tokenHash) {
        await space.submit(SYSTEM_ACTOR, `token|${d.space}|${d.alarmId}|${d.key}`, {
          type: 'alarm.issueToken',
          payload: {
            alarmId: d.alarmId,
            key: d.key,
            tokenHash,
            expiresAt: new Date(now() + LINK_TTL_MS).toISOString(),
          },
        });
        a = lookup(space.state.alarm.alarms, d.alarmId);
        r = recipientOf(a, d.key);
        if (!a || !r) return;
      }
      link = `${config.publicUrl()}/k/${token}`;
    }
    const contact = tableGet(space.state.alarm.contacts, r.contactId);
    const details = tableGet(space.state.alarm.contactDetails, r.contactId) ?? {};
    const { subject, text } = messageText(d.space, a, r, d.n);
    const msg: OutgoingMessage = {
      id: `${d.space}|${d.alarmId}|${d.key}|${d.n}|${d.channel}`,
      space: d.space,
      alarmId: d.alarmId,
      key: d.key,
      channel: d.channel,
      n: d.n,
      name: r.name,
      userId: contact?.userId,
      phone: details.phone,
      email: details.email,
      subject,
      text,
      link: d.channel === 'console' ? undefined : link,
      exercise: a.exercise,
    };
    let result: { ok: true; delivered: boolean } | { ok: false; error: string; retryable: boolean };
    const ch = carrier(d.channel, a);
    // Started by a worker that is gone (or lost its job): whether the provider has it is unknown.
    let resumed = (rec.started ?? 0) >= d.attempt;
    try {
      const sent = await limited(ch)(async () => {
        // Durable before the hand-over (R128), inside the send slot so that only what is
        // really in flight is ever resumed. Not durable, not sent: the job is retried.
        if (!resumed) {
          const started = await space.submit(SYSTEM_ACTOR, `start|${job.id}`, {
            type: 'alarm.recordSendStart',
            payload: {
              alarmId: d.alarmId,
              key: d.key,
              n: d.n,
              channel: d.channel,
              attempt: d.attempt,
              idempotencyKey: msg.id,
            },
          });
          // Already recorded under this job's id: another run of the job got this far.
          if (started.ok && started.duplicate) resumed = true;
          if (!started.ok) {
            if (isStorageOutcomeOpen(started.error.code))
              throw new StartNotDurable(started.error.code);
            const cur = lookup(
              recipientOf(lookup(space.state.alarm.alarms, d.alarmId), d.key)?.sends,
              sendKey(d.n, d.channel),
            );
            // Another worker began this very attempt (two ran one job): resume it with its key.
            if (
              !cur ||
              cur.status === 'sent' ||
              cur.status === 'gave_up' ||
              (cur.started ?? 0) < d.attempt
            )
              return null;
            resumed = true;
          }
        }
        return ch.send(msg);
      });
      if (sent === null) return;
      result = { ok: true, delivered: sent.delivered };
      deps.onSend?.(msg, true);
    } catch (err) {
      if (err instanceof StartNotDurable) throw err;
      const e = err as Error;
      result = {
        ok: false,
        error: e.message.slice(0, 400),
        retryable: !(err instanceof ChannelError) || err.retryable,
      };
      deps.onSend?.(msg, false, e.message);
    }
    const possiblyTwice = resumed && !ch.keyed;
    if (possiblyTwice)
      console.warn(
        `[alarm] ${msg.id}: resumed over ${ch.kind}, which takes no key; possibly sent twice`,
      );
    const retryAt =
      !result.ok && result.retryable && d.attempt < MAX_SEND_ATTEMPTS
        ? new Date(now() + retryDelayMs(d.attempt)).toISOString()
        : undefined;
    const record = () =>
      space.submit(SYSTEM_ACTOR, `job|${job.id}`, {
        type: 'alarm.recordSend',
        payload: {
          alarmId: d.alarmId,
          key: d.key,
          n: d.n,
          channel: d.channel,
          // Said as it happened: an SMS the outbox stood in for was not sent as an SMS (R163).
          ...(ch.kind !== d.channel ? { via: ch.kind } : {}),
          ok: result.ok,
          delivered: result.ok ? result.delivered : false,
          attempt: d.attempt,
          ...(result.ok ? {} : { error: result.error }),
          ...(retryAt ? { retryAt } : {}),
          ...(resumed ? { resumed: true } : {}),
          ...(possiblyTwice ? { possiblyTwice: true } : {}),
        },
      });
    // The message has gone: only its record is missing. Retrying the job would send it again,
    // so the record is retried here (same command id) through a storage outage or failover.
    let outcome = await record();
    for (let wait = 250, t0 = now(); !outcome.ok && isStorageOutcomeOpen(outcome.error.code);) {
      if (closed || now() - t0 > RECORD_RETRY_MS) break;
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 2000);
      outcome = await record();
    }
    if (!outcome.ok && isStorageOutcomeOpen(outcome.error.code))
      throw new Error(`${outcome.error.code}; the scheduler retries with the same command id`);
  }

  async function runTimeout(job: ScheduledJob<TimeoutJobData>): Promise<void> {
    const d = job.data;
    const space = spaces.get(d.space);
    if (!space || closed) return;
    deps.onTimerFired?.(now() - job.runAt, d);
    const outcome = await space.submit(SYSTEM_ACTOR, `job|${job.id}|${d.deadline}`, {
      type: 'alarm.timeout',
      payload: { alarmId: d.alarmId, key: d.key, stage: d.stage, deadline: d.deadline },
    });
    if (!outcome.ok && isStorageOutcomeOpen(outcome.error.code))
      throw new Error(`${outcome.error.code}; the scheduler retries with the same command id`);
  }

  scheduler.handle<DispatchJobData>('alarm.dispatch', runDispatch);
  scheduler.handle<TimeoutJobData>('alarm.timeout', runTimeout);

  /** New work from committed events: each event schedules exactly what it started. */
  function react(spaceName: string, events: StoredEvent[]): void {
    const t = now();
    const sends: AlarmJob[] = [];
    for (const e of events) {
      switch (e.type) {
        case 'alarm.recipientQueued':
          for (const channel of e.data.channels)
            sends.push(
              dispatchJob(
                {
                  space: spaceName,
                  alarmId: e.data.alarmId,
                  key: e.data.key,
                  n: 1,
                  channel,
                  attempt: 1,
                },
                t,
              ),
            );
          void schedule(
            timeoutJob({
              space: spaceName,
              alarmId: e.data.alarmId,
              key: e.data.key,
              stage: 1,
              deadline: e.data.deadline,
            }),
          );
          break;
        case 'alarm.reminded': {
          const r = recipientOf(
            lookup(spaces.get(spaceName)?.state.alarm.alarms, e.data.alarmId),
            e.data.key,
          );
          for (const channel of r?.channels ?? [])
            sends.push(
              dispatchJob(
                {
                  space: spaceName,
                  alarmId: e.data.alarmId,
                  key: e.data.key,
                  n: 2,
                  channel,
                  attempt: 1,
                },
                t,
              ),
            );
          void schedule(
            timeoutJob({
              space: spaceName,
              alarmId: e.data.alarmId,
              key: e.data.key,
              stage: 2,
              deadline: e.data.deadline,
            }),
          );
          break;
        }
        case 'alarm.sendRecorded':
          if (!e.data.ok && e.data.retryAt)
            sends.push(
              dispatchJob(
                {
                  space: spaceName,
                  alarmId: e.data.alarmId,
                  key: e.data.key,
                  n: e.data.n,
                  channel: e.data.channel,
                  attempt: e.data.attempt + 1,
                },
                Date.parse(e.data.retryAt),
              ),
            );
          break;
        case 'alarm.answered':
          void cancelTimers(spaceName, e.data.alarmId, [e.data.key]);
          break;
        case 'alarm.listStaffed':
        case 'alarm.cancelled': {
          const a = lookup(spaces.get(spaceName)?.state.alarm.alarms, e.data.alarmId);
          for (const key of e.data.stoodDown) {
            for (const channel of recipientOf(a, key)?.channels ?? [])
              sends.push(
                dispatchJob(
                  { space: spaceName, alarmId: e.data.alarmId, key, n: 3, channel, attempt: 1 },
                  t,
                ),
              );
          }
          void cancelTimers(spaceName, e.data.alarmId, e.data.stoodDown);
          break;
        }
        default:
          break;
      }
    }
    if (sends.length > 0) void scheduleSends(sends);
  }

  async function cancelTimers(
    space: string,
    alarmId: string,
    keys: readonly string[],
  ): Promise<void> {
    for (const key of keys)
      for (const stage of [1, 2] as const)
        await scheduler.cancel(timeoutJobId({ space, alarmId, key, stage })).catch(() => undefined);
  }

  /**
   * The log is the truth, the queue only its echo: a Redis primary that fails over before
   * replicating an added job loses it, and nothing else would ever send that message.
   */
  let restoring = false;
  async function restoreLostJobs(): Promise<void> {
    if (restoring || closed) return;
    restoring = true;
    try {
      for (const name of wired.keys()) {
        const space = spaces.get(name);
        if (!space || !space.state.alarm.alarmOrder.length) continue;
        // Only what is due: a timer the queue lost matters at its deadline, and is restored
        // then, so a long alarm does not ask Redis about every waiting person every 5 s.
        const t = now();
        const jobs = pendingAlarmJobs(space.state, t).filter((j) => j.runAt <= t);
        if (jobs.length === 0) continue;
        const n = await scheduler.restore(jobs as ScheduledJob[]);
        if (n > 0) console.warn(`[alarm] ${name}: ${n} job(s) missing from the job queue restored`);
      }
    } catch (err) {
      console.error(`[alarm] checking the job queue failed: ${(err as Error).message}`);
    } finally {
      restoring = false;
    }
  }
  const restoreTimer = setInterval(() => void restoreLostJobs(), deps.restoreEveryMs ?? 5000);
  restoreTimer.unref();
  scheduler.onReconnect(() => void restoreLostJobs());

  return {
    mailbox: channels.outbox instanceof OutboxChannel ? channels.outbox.mailbox : [],
    async wireSpace(space) {
      if (wired.has(space.name) || closed) return;
      const listener = (events: StoredEvent[]) => react(space.name, events);
      wired.set(space.name, listener);
      space.on('events', listener);
      // The log is the truth: whatever was pending when the last process stopped runs now.
      // One by one: a job that failed for good (a long outage) is added again, not skipped.
      for (const job of pendingAlarmJobs(space.state, now())) await schedule(job);
    },
    async close() {
      closed = true;
      clearInterval(restoreTimer);
      for (const [name, l] of wired) spaces.get(name)?.off('events', l);
      wired.clear();
      await Promise.all(Object.values(channels).map((c) => c?.close?.()));
    },
  };
}

/** The start record was not made durable: nothing was sent, and the scheduler retries the job. */
class StartNotDurable extends Error {
  constructor(code: string) {
    super(`${code} before the hand-over; nothing sent, the scheduler retries`);
  }
}

/** How long a send's record is retried in the job before the job itself is retried. */
const RECORD_RETRY_MS = 60_000;

/** Not saved, or not yet confirmed: a job retries (with the same command id) on both. */
const isStorageOutcomeOpen = (code: string): boolean =>
  code === 'STORAGE_UNAVAILABLE' || code === 'NOT_CONFIRMED';
