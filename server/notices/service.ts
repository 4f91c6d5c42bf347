/**
 * Notices outside the console (R271–R273). A notice (`notice.sent`) reaches a recipient who is
 * signed in through their console; one who is not is sent it over the alarm channels (SMS and
 * e-mail from their contact entry, the outbox standing in where there is no provider), with a
 * personal read link. When the reminder falls due, the recipients still unread are reminded the
 * same way. Every hand-over is recorded as it happened (`notice.sendRecorded`).
 *
 * Jobs run by submitting system commands whose id is derived from the job id, so a job that runs
 * twice (a retry, a second node) has one effect; at start the pending jobs are rebuilt from the
 * state, as the alarm's are.
 */
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { isExerciseSpace, type ChannelKind } from '../../shared/domain/alarm';
import type { Notice, NoticeRecipient } from '../../shared/domain/lifecycle';
import { lookup } from '../../shared/domain/keyed';
import { tableGet, tableValues } from '../../shared/domain/table';
import { noticeReminderDue } from '../../shared/commands/lifecycle/noticeDelivery';
import type { StoredEvent } from '../../shared/events';
import type { ScheduledJob, Scheduler } from '../jobs/scheduler';
import type { Space } from '../space';
import type { Channel, Channels, OutgoingMessage } from '../channels';
import { noticeLinkToken } from './token';

export interface NoticeServiceDeps {
  spaces: Map<string, Space>;
  scheduler: Scheduler;
  /** The alarm's channels: the same providers, the same outbox. */
  channels: Channels;
  secret: Buffer;
  /** Where read links point, e.g. https://lagesbild.stad.se (no trailing slash). */
  publicUrl: () => string;
  /** Whether the person has a console open now, on any node (their socket room). */
  isSignedIn: (userId: string) => Promise<boolean>;
  now?: () => number;
}

export interface NoticeService {
  wireSpace(space: Space): Promise<void>;
  close(): void;
}

interface DeliverJobData {
  space: string;
  noticeId: string;
  userId: string;
  n: 1 | 2;
}
interface RemindJobData {
  space: string;
  noticeId: string;
  due: string;
}

const deliverJob = (d: DeliverJobData, runAt: number): ScheduledJob<DeliverJobData> => ({
  id: `notice.deliver|${d.space}|${d.noticeId}|${d.userId}|${d.n}`,
  kind: 'notice.deliver',
  runAt,
  data: d,
});
const remindJob = (d: RemindJobData): ScheduledJob<RemindJobData> => ({
  id: `notice.remind|${d.space}|${d.noticeId}`,
  kind: 'notice.remind',
  runAt: Date.parse(d.due),
  data: d,
});

/** The channels outside the console a recipient can be reached by, from their contact entry. */
function outsideChannels(space: Space, userId: string) {
  const contact = tableValues(space.state.alarm.contacts).find((c) => c.userId === userId);
  const details = contact ? (tableGet(space.state.alarm.contactDetails, contact.id) ?? {}) : {};
  const kinds: ChannelKind[] = [];
  if (details.phone) kinds.push('sms');
  if (details.email) kinds.push('email');
  return { kinds, phone: details.phone, email: details.email };
}

/**
 * How far back a starting server still delivers a notice it finds undelivered: the duty is
 * the decision's news, and a day-old decision is told in the console, not by a late SMS.
 */
export const NOTICE_CATCH_UP_MS = 24 * 3600_000;

/** The recipients' pending work in a state: what a restarted server must still do. */
export function pendingNoticeJobs(
  space: string,
  notices: Iterable<Notice>,
  now: number,
): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  for (const n of notices) {
    if (now - Date.parse(n.at) > NOTICE_CATCH_UP_MS) continue;
    const unread = n.recipients.filter((r) => !r.readAt);
    if (unread.length === 0) continue;
    const sent = (r: NoticeRecipient, k: 1 | 2) => r.sends?.some((x) => x.n === k);
    for (const r of unread) {
      if (!sent(r, 1))
        jobs.push(deliverJob({ space, noticeId: n.id, userId: r.userId, n: 1 }, now));
      if (r.remindedAt && !sent(r, 2))
        jobs.push(deliverJob({ space, noticeId: n.id, userId: r.userId, n: 2 }, now));
    }
    if (unread.some((r) => !r.remindedAt))
      jobs.push(remindJob({ space, noticeId: n.id, due: noticeReminderDue(n) }));
  }
  return jobs;
}

export function startNoticeService(deps: NoticeServiceDeps): NoticeService {
  const { spaces, scheduler, channels } = deps;
  const now = deps.now ?? Date.now;
  const wired = new Map<string, (events: StoredEvent[]) => void>();
  let closed = false;

  const carrier = (space: string, kind: ChannelKind): Channel =>
    isExerciseSpace(space) ? channels.outbox : (channels[kind] ?? channels.outbox);

  async function record(
    space: Space,
    jobId: string,
    payload: {
      noticeId: string;
      userId: string;
      n: 1 | 2;
      channel: ChannelKind;
      via?: ChannelKind;
      ok: boolean;
      error?: string;
    },
  ): Promise<void> {
    const out = await space.submit(SYSTEM_ACTOR, `job|${jobId}|${payload.channel}`, {
      type: 'notice.recordSend',
      payload,
    });
    if (!out.ok && (out.error.code === 'STORAGE_UNAVAILABLE' || out.error.code === 'NOT_CONFIRMED'))
      throw new Error(`${out.error.code}; the scheduler retries with the same command id`);
  }

  async function runDeliver(job: ScheduledJob<DeliverJobData>): Promise<void> {
    const d = job.data;
    const space = spaces.get(d.space);
    if (!space || closed) return;
    const notice = lookup(space.state.lifecycle.notices, d.noticeId);
    const r = notice?.recipients.find((x) => x.userId === d.userId);
    if (!notice || !r || r.readAt || r.sends?.some((x) => x.n === d.n)) return;
    const base = { noticeId: d.noticeId, userId: d.userId, n: d.n };
    if (await deps.isSignedIn(d.userId))
      return record(space, job.id, { ...base, channel: 'console', ok: true });
    const reach = outsideChannels(space, d.userId);
    if (reach.kinds.length === 0)
      return record(space, job.id, {
        ...base,
        channel: 'console',
        ok: false,
        error:
          'Inte inloggad och inget telefonnummer eller e-post i kontaktregistret: underrättelsen väntar i konsolen.',
      });
    const tag = isExerciseSpace(d.space) ? 'ÖVNING – ' : '';
    const token = noticeLinkToken(deps.secret, d.space, d.noticeId, d.userId);
    for (const kind of reach.kinds) {
      const ch = carrier(d.space, kind);
      const msg: OutgoingMessage = {
        id: `notice|${d.space}|${d.noticeId}|${d.userId}|${d.n}|${kind}`,
        space: d.space,
        alarmId: d.noticeId,
        key: d.userId,
        channel: kind,
        n: d.n,
        name: r.name,
        userId: d.userId,
        phone: reach.phone,
        email: reach.email,
        subject: `${tag}${d.n === 2 ? 'Påminnelse: ' : ''}Underrättelse: ${notice.text}`,
        text: `${tag}${d.n === 2 ? 'PÅMINNELSE – oläst underrättelse. ' : ''}${notice.text} Till dig som ${r.as}. Bekräfta att du läst:`,
        link: `${deps.publicUrl()}/u/${token}`,
        exercise: isExerciseSpace(d.space),
      };
      let outcome: { ok: true } | { ok: false; error: string };
      try {
        await ch.send(msg);
        outcome = { ok: true };
      } catch (err) {
        outcome = { ok: false, error: (err as Error).message.slice(0, 400) };
      }
      await record(space, job.id, {
        ...base,
        channel: kind,
        // Said as it happened: an SMS the outbox stood in for was not sent as an SMS.
        ...(ch.kind !== kind ? { via: ch.kind } : {}),
        ...outcome,
      });
    }
  }

  async function runRemind(job: ScheduledJob<RemindJobData>): Promise<void> {
    const d = job.data;
    const space = spaces.get(d.space);
    if (!space || closed) return;
    const out = await space.submit(SYSTEM_ACTOR, `job|${job.id}|${d.due}`, {
      type: 'notice.remind',
      payload: { noticeId: d.noticeId, due: d.due },
    });
    if (!out.ok && (out.error.code === 'STORAGE_UNAVAILABLE' || out.error.code === 'NOT_CONFIRMED'))
      throw new Error(`${out.error.code}; the scheduler retries with the same command id`);
  }

  scheduler.handle<DeliverJobData>('notice.deliver', runDeliver);
  scheduler.handle<RemindJobData>('notice.remind', runRemind);

  const scheduleAll = (jobs: ScheduledJob[]) =>
    scheduler.scheduleFixed(jobs).catch((err: Error) => {
      console.error(`[notice] could not schedule ${jobs.length} jobs: ${err.message}`);
    });

  function react(spaceName: string, events: StoredEvent[]): void {
    const jobs: ScheduledJob[] = [];
    const t = now();
    for (const e of events) {
      if (e.type === 'notice.sent') {
        for (const r of e.data.recipients)
          jobs.push(
            deliverJob({ space: spaceName, noticeId: e.data.noticeId, userId: r.userId, n: 1 }, t),
          );
        jobs.push(
          remindJob({ space: spaceName, noticeId: e.data.noticeId, due: noticeReminderDue(e) }),
        );
      } else if (e.type === 'notice.reminded') {
        for (const userId of e.data.userIds)
          jobs.push(deliverJob({ space: spaceName, noticeId: e.data.noticeId, userId, n: 2 }, t));
      }
    }
    if (jobs.length > 0) void scheduleAll(jobs);
  }

  return {
    async wireSpace(space) {
      if (wired.has(space.name) || closed) return;
      const listener = (events: StoredEvent[]) => react(space.name, events);
      wired.set(space.name, listener);
      space.on('events', listener);
      const notices = space.state.lifecycle.noticeOrder
        .map((id) => lookup(space.state.lifecycle.notices, id))
        .filter((n): n is Notice => !!n);
      await scheduleAll(pendingNoticeJobs(space.name, notices, now()));
    },
    close() {
      closed = true;
      for (const [name, l] of wired) spaces.get(name)?.off('events', l);
      wired.clear();
    },
  };
}
