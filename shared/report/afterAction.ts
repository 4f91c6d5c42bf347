/**
 * The after-action report (utvärdering) of one crisis event or one whole exercise, computed
 * from the LOG (every event, in order), never from the bounded live state. Pure: the server
 * renders it as HTML/PDF, a console could show it as it is.
 *
 * It reads the core's and the exercise module's events by type, and is tolerant of events it
 * does not know (alarm.*, cost.* from other modules): they appear in the log section, and the
 * alarm and cost sections are built from their data by common field names when present.
 */
import type { StoredEvent } from '../events';
import {
  CKL_FUNCTIONS,
  CKL_FUNCTION_LABEL,
  DECISION_KIND_LABEL,
  DISTRICT_STATUS_LABEL,
  FUNCTION_ROLE,
  LEVEL_LABEL,
  MARKER_KIND_LABEL,
  ROLE_LABEL,
  type CklFunction,
  type Level,
} from '../domain/vocabulary';
import type { ActorRef } from '../domain/state';
import { clockToMs, msToClock, INJECT_KIND_LABEL, type InjectKind } from '../exercise/scenario';

/** A looser view of an event, for types this module does not know. */
interface AnyEvent {
  seq: number;
  type: string;
  at: string;
  actor: ActorRef;
  data: Record<string, unknown>;
  audience?: unknown;
}
const any = (e: StoredEvent): AnyEvent => e as unknown as AnyEvent;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const ms = (a: string, b: string) => Date.parse(b) - Date.parse(a);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export interface TimelineItem {
  at: string;
  seq: number;
  kind: 'event' | 'level' | 'decision' | 'ckl' | 'support' | 'exercise' | 'inject' | 'closed';
  text: string;
  by: string;
  basis?: string;
}

export interface Measure {
  label: string;
  /** Milliseconds, or null when it did not happen in the period. */
  valueMs: number | null;
  note?: string;
}

export interface EventMeasures {
  eventId: string;
  title: string;
  openedAt: string;
  closedAt?: string;
  highestLevel: Level;
  measures: Measure[];
  staffing: {
    fn: CklFunction;
    label: string;
    activatedAt?: string;
    staffedAt?: string;
    staffedBy?: string;
    afterMs: number | null;
  }[];
}

export interface AlarmSummary {
  id: string;
  label: string;
  startedAt: string;
  alarmed: string[];
  responses: { who: string; response: string; at: string; afterMs: number }[];
  noAnswer: string[];
}

export interface DistrictFreshness {
  districtId: string;
  name: string;
  reports: number;
  noChange: number;
  firstAt?: string;
  lastAt?: string;
  worstStatus?: string;
  /** Longest time without a report within the period. */
  longestGapMs: number | null;
  /** Times a report came after the time promised by the previous one (or never came). */
  overdueCount: number;
  overdueMs: number;
}

export interface TaskRow {
  id: string;
  title: string;
  assignee: string;
  createdAt: string;
  status: string;
  doneAt?: string;
  durationMs: number | null;
  deadline?: string;
  late: boolean;
}

export interface CostRow {
  at: string;
  text: string;
  amount: number;
  currency: string;
}

export interface InjectRow {
  id: string;
  planned: string;
  kind: string;
  title: string;
  status: 'pending' | 'delivered' | 'skipped';
  deliveredAt?: string;
  live: boolean;
}

export interface LogRow {
  seq: number;
  at: string;
  by: string;
  type: string;
  text: string;
}

export interface AfterActionReport {
  space: string;
  title: string;
  subtitle: string;
  isExercise: boolean;
  exercise?: {
    name: string;
    scenarioTitle?: string;
    leader: string;
    objectives: string[];
    timeScale: number;
  };
  eventId?: string;
  period: { from?: string; to?: string };
  generatedAt: string;
  eventCount: number;
  timeline: TimelineItem[];
  events: EventMeasures[];
  alarms: AlarmSummary[] | null;
  districts: DistrictFreshness[];
  tasks: TaskRow[];
  costs: { rows: CostRow[]; totals: Record<string, number> } | null;
  injects: InjectRow[] | null;
  evaluations: { eventId: string; status: string; summary?: string }[];
  log: LogRow[];
}

const who = (a: ActorRef) =>
  a.userId === 'system'
    ? a.name
    : `${a.name} (${ROLE_LABEL[a.role] ?? a.role}${a.actingFor ? `, för ${ROLE_LABEL[a.actingFor]}` : ''})`;

/** One sentence per event, for the log section and CSV. Unknown types get a generic line. */
export function describeEvent(e: StoredEvent, names: Map<string, string> = new Map()): string {
  const d = any(e).data;
  const district = (id: unknown) => names.get(`d:${String(id)}`) ?? String(id);
  switch (e.type) {
    case 'division.configured':
      return `Indelning: ${e.data.name}`;
    case 'user.registered':
      return `Användare registrerad: ${e.data.name} (${ROLE_LABEL[e.data.role]})`;
    case 'user.disabled':
      return `Användare inaktiverad: ${names.get(`u:${e.data.userId}`) ?? e.data.userId}`;
    case 'user.enabled':
      return `Användare aktiverad: ${names.get(`u:${e.data.userId}`) ?? e.data.userId}`;
    case 'event.opened':
      return `Händelse öppnad: ${e.data.title}`;
    case 'event.updated':
      return `Händelse uppdaterad${e.data.title ? `: ${e.data.title}` : ''}`;
    case 'event.centralSupportRequested':
      return `Centralt stöd begärt: ${e.data.reason}`;
    case 'event.centralSupportDecided':
      return e.data.granted ? 'Centralt stöd beviljat' : 'Centralt stöd avslaget';
    case 'decision.recorded':
      return `Beslut (${DECISION_KIND_LABEL[e.data.kind]}): ${e.data.what}`;
    case 'event.levelChanged':
      return `Nivå: ${LEVEL_LABEL[e.data.level]}`;
    case 'ckl.activated':
      return `CKL aktiverad: ${e.data.functions.map((f) => CKL_FUNCTION_LABEL[f]).join(', ')}`;
    case 'ckl.deactivated':
      return `CKL avaktiverad: ${e.data.functions.map((f) => CKL_FUNCTION_LABEL[f]).join(', ')}`;
    case 'proposal.made':
      return `Förslag om extraordinär händelse: ${e.data.basis}`;
    case 'proposal.resolved':
      return `Förslaget ${e.data.status === 'declared' ? 'beslutat' : e.data.status === 'rejected' ? 'avslaget' : 'återtaget'}`;
    case 'board.urgentDecisionReported':
      return `Brådskande beslut anmält till nämnden (${e.data.reference})`;
    case 'heightenedAlert.recorded':
      return `Höjd beredskap registrerad: ${e.data.text}`;
    case 'delegation.granted':
      return `Delegering till ${names.get(`u:${e.data.toUserId}`) ?? e.data.toUserId}`;
    case 'delegation.revoked':
      return 'Delegering återkallad';
    case 'event.closed':
      return 'Händelsen avslutad';
    case 'evaluation.opened':
      return 'Utvärdering öppnad';
    case 'evaluation.completed':
      return `Utvärdering slutförd: ${e.data.summary}`;
    case 'log.written':
      return e.data.text;
    case 'task.created':
      return `Uppdrag: ${e.data.title}`;
    case 'task.updated':
      return `Uppdrag uppdaterat${e.data.status ? ` (${e.data.status})` : ''}${e.data.note ? `: ${e.data.note}` : ''}`;
    case 'district.reported':
      return e.data.noChange
        ? `${district(e.data.districtId)}: inget nytt`
        : `${district(e.data.districtId)}: ${DISTRICT_STATUS_LABEL[e.data.status]} – ${e.data.happened}`;
    case 'marker.placed':
      return `${MARKER_KIND_LABEL[e.data.kind]}: ${e.data.label}`;
    case 'marker.moved':
      return 'Markering flyttad';
    case 'marker.removed':
      return 'Markering borttagen';
    case 'exercise.started':
      return `Övning startad: ${e.data.name}`;
    case 'exercise.ended':
      return 'Övning avslutad';
    case 'exercise.configured':
      return `Övning: ${e.data.name}${e.data.scenarioTitle ? ` (scenario: ${e.data.scenarioTitle})` : ''}`;
    case 'exercise.injectAdded':
      return `Inject ${e.data.live ? 'tillagd' : 'i manus'}: ${e.data.inject.id} kl. ${e.data.inject.at}`;
    case 'exercise.injectDelivered':
      return `Inject spelad: ${e.data.title}`;
    case 'exercise.injectSkipped':
      return `Inject överhoppad: ${e.data.injectId}`;
    case 'exercise.paused':
      return 'Övningen pausad';
    case 'exercise.resumed':
      return 'Övningen återupptagen';
    case 'exercise.message':
      return `Meddelande från ${e.data.from}: ${e.data.subject ? `${e.data.subject} – ` : ''}${e.data.text}`;
    case 'exercise.closed':
      return 'Övningen avslutad';
    default: {
      // Event types of other modules (e.g. alarm.*): a generic line from common fields.
      const text = str(d.text) ?? str(d.title) ?? str(d.message) ?? str(d.status) ?? '';
      return `${(e as { type: string }).type}${text ? `: ${text}` : ''}`;
    }
  }
}

/** Which events belong to one crisis event: its own, its decisions, tasks, markers, reports. */
function scopeToEvent(events: readonly StoredEvent[], eventId: string): StoredEvent[] {
  const opened = events.find((e) => e.type === 'event.opened' && e.data.eventId === eventId);
  if (!opened) return [];
  const closed = events.find((e) => e.type === 'event.closed' && e.data.eventId === eventId);
  const districts = new Set<string>();
  const tasks = new Set<string>();
  const proposals = new Set<string>();
  const decisions = new Set<string>();
  const evaluations = new Set<string>();
  const alarms = new Set<string>();
  const out: StoredEvent[] = [];
  const endSeq = closed?.seq ?? Infinity;
  for (const e of events) {
    const d = any(e).data;
    let keep = d.eventId === eventId;
    switch (e.type) {
      case 'event.opened':
      case 'event.updated':
        if (keep) for (const id of e.data.affectedDistrictIds ?? []) districts.add(id);
        break;
      case 'task.created':
        if (keep) tasks.add(e.data.taskId);
        break;
      case 'task.updated':
        keep = tasks.has(e.data.taskId);
        break;
      case 'proposal.made':
        if (keep) proposals.add(e.data.proposalId);
        break;
      case 'proposal.resolved':
        keep = proposals.has(e.data.proposalId);
        break;
      case 'decision.recorded':
        if (keep) decisions.add(e.data.decisionId);
        break;
      case 'board.urgentDecisionReported':
        keep = decisions.has(e.data.decisionId);
        break;
      case 'evaluation.opened':
        if (keep) evaluations.add(e.data.evaluationId);
        break;
      case 'evaluation.completed':
        keep = evaluations.has(e.data.evaluationId);
        break;
      case 'district.reported':
        keep = e.seq > opened.seq && e.seq <= endSeq && districts.has(e.data.districtId);
        break;
      default:
        if (e.type.startsWith('alarm.')) {
          const id = alarmKey(d);
          if (keep && id) alarms.add(id);
          else if (id && alarms.has(id)) keep = true;
        }
    }
    if (keep) out.push(e);
  }
  return out;
}

const alarmKey = (d: Record<string, unknown>): string | undefined =>
  str(d.alarmId) ?? str(d.callOutId) ?? str(d.callId) ?? str(d.activationId);
const personOf = (d: Record<string, unknown>): string | undefined =>
  str(d.userId) ?? str(d.recipientId) ?? str(d.personId) ?? str(d.memberId);
const RESPONSE_RE = /ack|answer|respon|accept|declin|coming|cannot|reply|replied/i;
const SENT_RE = /sent|dispatch|notif|deliver|called|alarmed|recipient/i;

function alarmsOf(events: readonly AnyEvent[], names: Map<string, string>): AlarmSummary[] | null {
  const alarmEvents = events.filter((e) => e.type.startsWith('alarm.'));
  if (alarmEvents.length === 0) return null;
  const groups = new Map<string, AnyEvent[]>();
  for (const e of alarmEvents) {
    const k = alarmKey(e.data) ?? `seq-${e.seq}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const name = (id: string) => names.get(`u:${id}`) ?? id;
  return [...groups.entries()].map(([id, evs]) => {
    const first = evs[0];
    const alarmed = new Set<string>();
    const responses: AlarmSummary['responses'] = [];
    for (const e of evs) {
      const p = personOf(e.data);
      for (const r of Array.isArray(e.data.recipients) ? e.data.recipients : [])
        if (typeof r === 'string') alarmed.add(r);
        else if (r && typeof r === 'object' && personOf(r as Record<string, unknown>))
          alarmed.add(personOf(r as Record<string, unknown>) as string);
      if (!p) continue;
      if (RESPONSE_RE.test(e.type) && !responses.some((r) => r.who === name(p))) {
        responses.push({
          who: name(p),
          response:
            str(e.data.response) ?? str(e.data.answer) ?? e.type.slice(e.type.indexOf('.') + 1),
          at: e.at,
          afterMs: ms(first.at, e.at),
        });
        alarmed.add(p);
      } else if (SENT_RE.test(e.type)) alarmed.add(p);
    }
    const answered = new Set(responses.map((r) => r.who));
    return {
      id,
      label:
        str(first.data.title) ??
        str(first.data.listName) ??
        str(first.data.reason) ??
        str(first.data.text) ??
        first.type,
      startedAt: first.at,
      alarmed: [...alarmed].map(name),
      responses,
      noAnswer: [...alarmed].map(name).filter((n) => !answered.has(n)),
    };
  });
}

export interface AfterActionOptions {
  space: string;
  eventId?: string;
  generatedAt: string;
}

/** Builds the report. `events` is the whole log of the space, in seq order. */
export function buildAfterAction(
  allEvents: readonly StoredEvent[],
  opts: AfterActionOptions,
): AfterActionReport {
  const names = new Map<string, string>();
  for (const e of allEvents) {
    if (e.type === 'user.registered') names.set(`u:${e.data.userId}`, e.data.name);
    if (e.type === 'division.configured')
      for (const d of e.data.districts) names.set(`d:${d.id}`, d.name);
  }
  const events = opts.eventId ? scopeToEvent(allEvents, opts.eventId) : [...allEvents];
  const loose = events.map(any);
  const configured = allEvents.find((e) => e.type === 'exercise.configured');
  const isExercise = configured !== undefined;
  const endedAt = events.find((e) => e.type === 'exercise.closed')?.at;
  const period = { from: events[0]?.at, to: events.at(-1)?.at };
  const windowEnd = endedAt ?? opts.generatedAt;

  // Timeline of levels and decisions.
  const timeline: TimelineItem[] = [];
  const item = (e: StoredEvent, kind: TimelineItem['kind'], text: string, basis?: string) =>
    timeline.push({ at: e.at, seq: e.seq, kind, text, by: who(e.actor), basis });
  for (const e of events) {
    switch (e.type) {
      case 'event.opened':
        item(e, 'event', `Händelse öppnad: ${e.data.title} (${LEVEL_LABEL.disruption})`);
        break;
      case 'event.centralSupportRequested':
        item(e, 'support', `Centralt stöd begärt: ${e.data.reason}`);
        break;
      case 'decision.recorded':
        item(e, 'decision', `${DECISION_KIND_LABEL[e.data.kind]}: ${e.data.what}`, e.data.basis);
        break;
      case 'event.levelChanged':
        item(e, 'level', `Nivå: ${LEVEL_LABEL[e.data.level]}`);
        break;
      case 'ckl.activated':
      case 'ckl.deactivated':
        item(e, 'ckl', describeEvent(e, names));
        break;
      case 'event.closed':
        item(e, 'closed', 'Händelsen avslutad');
        break;
      case 'exercise.configured':
      case 'exercise.paused':
      case 'exercise.resumed':
      case 'exercise.closed':
        item(e, 'exercise', describeEvent(e, names));
        break;
      case 'exercise.injectDelivered':
        item(e, 'inject', describeEvent(e, names));
        break;
      default:
        break;
    }
  }

  // Per crisis event: escalation measures and time to staff each function.
  const measures: EventMeasures[] = [];
  for (const open of events) {
    if (open.type !== 'event.opened') continue;
    const id = open.data.eventId;
    const mine = events.filter((e) => any(e).data.eventId === id);
    const firstOf = (pred: (e: StoredEvent) => boolean) => mine.find(pred);
    const closed = firstOf((e) => e.type === 'event.closed');
    const serious = firstOf((e) => e.type === 'event.levelChanged' && e.data.level === 'serious');
    const extra = firstOf(
      (e) => e.type === 'event.levelChanged' && e.data.level === 'extraordinary',
    );
    const supportAsked = firstOf((e) => e.type === 'event.centralSupportRequested');
    const supportDecided = firstOf((e) => e.type === 'event.centralSupportDecided');
    const cklFirst = firstOf((e) => e.type === 'ckl.activated');
    const since = (e?: StoredEvent, from: StoredEvent = open): number | null =>
      e ? ms(from.at, e.at) : null;
    const activated = new Map<CklFunction, StoredEvent>();
    for (const e of mine)
      if (e.type === 'ckl.activated')
        for (const f of e.data.functions) if (!activated.has(f)) activated.set(f, e);
    const staffing = CKL_FUNCTIONS.map((fn) => {
      const act = activated.get(fn);
      // Staffed = the first thing anyone in the function's role did after the activation
      // (an action in the log, or an alarm answer from them).
      const staffed = act
        ? allEvents.find(
            (e) =>
              e.seq > act.seq &&
              ((e.actor.role === FUNCTION_ROLE[fn] && e.actor.userId !== 'system') ||
                (e.type.startsWith('alarm.') &&
                  RESPONSE_RE.test(e.type) &&
                  any(e).data.fn === fn &&
                  !/declin|cannot/i.test(e.type))),
          )
        : undefined;
      return {
        fn,
        label: CKL_FUNCTION_LABEL[fn],
        activatedAt: act?.at,
        staffedAt: staffed?.at,
        staffedBy: staffed ? who(staffed.actor) : undefined,
        afterMs: act && staffed ? ms(act.at, staffed.at) : null,
      };
    });
    const levels = mine.filter((e) => e.type === 'event.levelChanged');
    const highest: Level = extra ? 'extraordinary' : serious ? 'serious' : 'disruption';
    void levels;
    measures.push({
      eventId: id,
      title: open.data.title,
      openedAt: open.at,
      closedAt: closed?.at,
      highestLevel: highest,
      staffing,
      measures: [
        {
          label: 'Från första rapport till aktivering av CKL',
          valueMs: since(cklFirst),
          note: 'Första rapport = när händelsen öppnades i lägesbilden.',
        },
        { label: 'Från första rapport till allvarlig händelse', valueMs: since(serious) },
        { label: 'Från första rapport till extraordinär händelse', valueMs: since(extra) },
        {
          label: 'Från begäran till beslut om centralt stöd',
          valueMs: supportAsked && supportDecided ? ms(supportAsked.at, supportDecided.at) : null,
        },
        { label: 'Händelsens längd', valueMs: closed ? ms(open.at, closed.at) : null },
      ],
    });
  }

  // District freshness.
  const districtIds = new Set<string>();
  for (const e of events) if (e.type === 'district.reported') districtIds.add(e.data.districtId);
  for (const e of events)
    if (e.type === 'event.opened') for (const d of e.data.affectedDistrictIds) districtIds.add(d);
  const rank = ['normal', 'strained', 'severe', 'critical'];
  const districts: DistrictFreshness[] = [...districtIds].map((id) => {
    const reps = events.filter(
      (e): e is Extract<StoredEvent, { type: 'district.reported' }> =>
        e.type === 'district.reported' && e.data.districtId === id,
    );
    let longest: number | null = null;
    let overdueCount = 0;
    let overdueMs = 0;
    const start = period.from;
    let prevAt = start;
    let prevDue: string | undefined;
    for (const r of reps) {
      if (prevAt) longest = Math.max(longest ?? 0, ms(prevAt, r.at));
      if (prevDue && r.at > prevDue) {
        overdueCount++;
        overdueMs += ms(prevDue, r.at);
      }
      prevAt = r.at;
      prevDue = r.data.nextReportDue;
    }
    if (prevDue && windowEnd > prevDue && (!endedAt || prevDue < endedAt)) {
      overdueCount++;
      overdueMs += ms(prevDue, windowEnd);
    }
    const worst = reps.reduce<string | undefined>(
      (w, r) => (!w || rank.indexOf(r.data.status) > rank.indexOf(w) ? r.data.status : w),
      undefined,
    );
    return {
      districtId: id,
      name: names.get(`d:${id}`) ?? id,
      reports: reps.length,
      noChange: reps.filter((r) => r.data.noChange).length,
      firstAt: reps[0]?.at,
      lastAt: reps.at(-1)?.at,
      worstStatus: worst
        ? DISTRICT_STATUS_LABEL[worst as keyof typeof DISTRICT_STATUS_LABEL]
        : undefined,
      longestGapMs: reps.length ? longest : null,
      overdueCount,
      overdueMs,
    };
  });
  districts.sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  // Tasks and their completion.
  const tasks = new Map<string, TaskRow & { deadlineRaw?: string }>();
  for (const e of events) {
    if (e.type === 'task.created') {
      const a = e.data.assignee;
      tasks.set(e.data.taskId, {
        id: e.data.taskId,
        title: e.data.title,
        assignee:
          a.kind === 'function'
            ? CKL_FUNCTION_LABEL[a.fn]
            : a.kind === 'user'
              ? (names.get(`u:${a.userId}`) ?? a.userId)
              : (names.get(`d:${a.districtId}`) ?? a.districtId),
        createdAt: e.at,
        status: 'open',
        durationMs: null,
        deadline: e.data.deadline,
        late: false,
      });
    } else if (e.type === 'task.updated') {
      const t = tasks.get(e.data.taskId);
      if (!t) continue;
      if (e.data.deadline) t.deadline = e.data.deadline;
      if (e.data.status) {
        t.status = e.data.status;
        if (e.data.status === 'done' && !t.doneAt) {
          t.doneAt = e.at;
          t.durationMs = ms(t.createdAt, e.at);
        }
      }
    }
  }
  for (const t of tasks.values())
    t.late =
      t.deadline !== undefined && (t.doneAt ?? windowEnd) > t.deadline && t.status !== 'cancelled';

  // Costs, when a module records them.
  const costRows: CostRow[] = [];
  for (const e of loose) {
    const amount = e.data.amount ?? e.data.cost;
    if (!(e.type.startsWith('cost') || e.type.includes('.cost')) || typeof amount !== 'number')
      continue;
    costRows.push({
      at: e.at,
      text: str(e.data.description) ?? str(e.data.text) ?? str(e.data.title) ?? e.type,
      amount,
      currency: str(e.data.currency) ?? 'SEK',
    });
  }
  const totals: Record<string, number> = {};
  for (const c of costRows) totals[c.currency] = (totals[c.currency] ?? 0) + c.amount;

  // The exercise script as played.
  let injects: InjectRow[] | null = null;
  if (isExercise && !opts.eventId) {
    const rows = new Map<string, InjectRow>();
    for (const e of events) {
      if (e.type === 'exercise.injectAdded')
        rows.set(e.data.inject.id, {
          id: e.data.inject.id,
          planned: msToClock(clockToMs(e.data.inject.at)),
          kind: INJECT_KIND_LABEL[e.data.inject.kind as InjectKind],
          title:
            'title' in e.data.inject
              ? e.data.inject.title
              : 'label' in e.data.inject
                ? e.data.inject.label
                : 'from' in e.data.inject
                  ? `${e.data.inject.from}: ${e.data.inject.subject || clip(e.data.inject.text, 90)}`
                  : e.data.inject.kind === 'warning'
                    ? `Varning: ${e.data.inject.headline}`
                    : `Lägesrapport ${names.get(`d:${e.data.inject.district}`) ?? e.data.inject.district}`,
          status: 'pending',
          live: e.data.live,
        });
      else if (e.type === 'exercise.injectDelivered') {
        const r = rows.get(e.data.injectId);
        if (r) Object.assign(r, { status: 'delivered', deliveredAt: e.at });
      } else if (e.type === 'exercise.injectSkipped') {
        const r = rows.get(e.data.injectId);
        if (r) r.status = 'skipped';
      }
    }
    injects = [...rows.values()].sort((a, b) => clockToMs(a.planned) - clockToMs(b.planned));
  }

  const evaluations = events
    .filter((e) => e.type === 'evaluation.opened' || e.type === 'evaluation.completed')
    .reduce<{ id: string; eventId: string; status: string; summary?: string }[]>((acc, e) => {
      if (e.type === 'evaluation.opened')
        acc.push({ id: e.data.evaluationId, eventId: e.data.eventId, status: 'Att göra' });
      else if (e.type === 'evaluation.completed') {
        const ev = acc.find((x) => x.id === e.data.evaluationId);
        if (ev) Object.assign(ev, { status: 'Klar', summary: e.data.summary });
      }
      return acc;
    }, [])
    .map(({ eventId, status, summary }) => ({ eventId, status, summary }));

  const target = opts.eventId
    ? events.find((e) => e.type === 'event.opened' && e.data.eventId === opts.eventId)
    : undefined;
  const c = configured?.type === 'exercise.configured' ? configured.data : undefined;
  const title = target?.type === 'event.opened' ? target.data.title : c ? c.name : 'Hela loggen';
  return {
    space: opts.space,
    title,
    subtitle: isExercise
      ? `Övning${c?.scenarioTitle ? ` – ${c.scenarioTitle}` : ''}`
      : opts.eventId
        ? 'Utvärdering av händelse'
        : 'Utvärdering',
    isExercise,
    exercise: c
      ? {
          name: c.name,
          scenarioTitle: c.scenarioTitle,
          leader: who(c.leader),
          objectives: c.objectives,
          timeScale: c.timeScale,
        }
      : undefined,
    eventId: opts.eventId,
    period,
    generatedAt: opts.generatedAt,
    eventCount: events.length,
    timeline,
    events: measures,
    alarms: alarmsOf(loose, names),
    districts,
    tasks: [...tasks.values()],
    costs: costRows.length ? { rows: costRows, totals } : null,
    injects,
    evaluations,
    log: events.map((e) => ({
      seq: e.seq,
      at: e.at,
      by: who(e.actor),
      type: e.type,
      text: describeEvent(e, names),
    })),
  };
}
