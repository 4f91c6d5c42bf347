/**
 * The after-action report (efterhandsrapport, utvärdering) as data. The HTML page, the PDF and
 * `GET /api/export/report?format=json` all come from this one object; nothing is computed at
 * rendering time. Times are ISO strings, durations milliseconds, money öre (integers).
 */
import type { CklFunction, DistrictStatus, Level, TaskStatus } from '../../domain/vocabulary';
import type { CostCategory } from '../../domain/ckl';
import type { RecipientState } from '../../domain/alarm';
import type { EventType } from '../../events';

/**
 * The formats of `GET /api/export/report`: the printable page, its PDF, this object as JSON
 * (`json`), and the raw log of the report's scope as JSON (`log`) or CSV (`csv`).
 */
export const REPORT_FORMATS = ['html', 'pdf', 'json', 'log', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Raised whenever a field changes meaning or goes away; adding a field keeps it. */
export const REPORT_VERSION = 1;

export interface TimelineItem {
  at: string;
  seq: number;
  kind: 'event' | 'level' | 'decision' | 'ckl' | 'support' | 'exercise' | 'inject' | 'closed';
  text: string;
  by: string;
  /** The decision's stated basis (beslutsunderlag), for decisions. */
  basis?: string;
  eventId?: string;
}

/** One crisis event (händelse) in the period, with its levels and key intervals. */
export interface EventSummary {
  eventId: string;
  title: string;
  openedAt: string;
  closedAt: string | null;
  openedBy: string;
  /** Every level the event had, in order, starting with the disruption it opened as. */
  levels: { level: Level; at: string; by: string }[];
  highestLevel: Level;
  /** From opening to the first CKL activation; null when CKL was never activated. */
  toCklMs: number | null;
  toSeriousMs: number | null;
  toExtraordinaryMs: number | null;
  /** From the request for central support to its decision. */
  supportDecisionMs: number | null;
  durationMs: number | null;
}

/** How many were called, reached and answered: for one call list or a whole alarm. */
export interface AlarmCounts {
  quota: number;
  /** People called, reserves included. */
  alarmed: number;
  /** People a message was confirmed delivered to, who opened their link, or who answered. */
  reached: number;
  answered: number;
  coming: number;
  cannot: number;
}

/** A call list in an alarm: who it staffed and how fast. */
export interface AlarmListFigures extends AlarmCounts {
  listId: string;
  name: string;
  /** What the list staffs, in words ("CKL Analys"); absent when the list was removed. */
  staffs: string | null;
  /** From the alarm's start to the quota being filled; null when it never was. */
  quotaAfterMs: number | null;
  exhausted: boolean;
}

export interface AlarmPersonRow {
  name: string;
  listId: string;
  state: RecipientState;
  stateLabel: string;
  reserveFor: string | null;
  answeredAt: string | null;
  /** From the alarm's start to this person's answer. */
  answerAfterMs: number | null;
  etaMinutes: number | null;
  via: 'link' | 'console' | 'recorded' | null;
}

export interface AlarmFigures extends AlarmCounts {
  alarmId: string;
  title: string;
  eventId: string | null;
  startedAt: string;
  startedBy: string;
  status: 'active' | 'staffed' | 'cancelled';
  completedAt: string | null;
  /** From the start to the first answer of any kind. */
  firstAnswerAfterMs: number | null;
  /** From the start to every list's quota being filled (the alarm staffed). */
  quotaAfterMs: number | null;
  lists: AlarmListFigures[];
  people: AlarmPersonRow[];
}

/** CKL for one event: which functions were activated when, and how fast they were staffed. */
export interface CklFunctionRow {
  fn: CklFunction;
  label: string;
  activatedAt: string | null;
  activatedBy: string | null;
  deactivatedAt: string | null;
  /** From activation to the first "coming" on a call list for the function. */
  firstComingAfterMs: number | null;
  /** From activation to the function's call list reaching its quota. */
  staffedAfterMs: number | null;
  /** Whether a call list for the function was alarmed for this event at all. */
  alarmed: boolean;
}

export interface CklSummary {
  eventId: string;
  title: string;
  activated: boolean;
  firstActivatedAt: string | null;
  functions: CklFunctionRow[];
}

export interface DistrictFreshness {
  districtId: string;
  name: string;
  reports: number;
  noChange: number;
  firstAt: string | null;
  lastAt: string | null;
  worstStatus: DistrictStatus | null;
  /** Longest time without a report, from the period's start to its end. */
  longestGapMs: number | null;
  /** Times a report came after the time the previous one promised, or never came. */
  overdueCount: number;
  overdueMs: number;
  /** True when the last promised report time had passed at the period's end. */
  staleAtEnd: boolean;
}

export interface TaskRow {
  taskId: string;
  eventId: string | null;
  title: string;
  assignee: string;
  createdAt: string;
  status: TaskStatus;
  doneAt: string | null;
  durationMs: number | null;
  deadline: string | null;
  late: boolean;
}

export interface TaskFigures {
  rows: TaskRow[];
  total: number;
  done: number;
  open: number;
  cancelled: number;
  late: number;
}

export interface CostRow {
  costId: string;
  eventId: string;
  at: string;
  by: string;
  category: CostCategory;
  kind: string;
  description: string;
  amountOre: number;
  voided: { at: string; reason: string } | null;
}

export interface CostFigures {
  rows: CostRow[];
  /** Sums over the entries not voided, in öre. */
  damageOre: number;
  responseOre: number;
  totalOre: number;
  voidedCount: number;
}

export interface EvaluationRow {
  evaluationId: string;
  eventId: string;
  eventTitle: string;
  status: 'to_do' | 'done';
  openedAt: string;
  doneAt: string | null;
  doneBy: string | null;
  /** The findings (lärdomar) as written when the evaluation was completed. */
  summary: string | null;
}

export interface InjectRow {
  injectId: string;
  planned: string;
  kind: string;
  title: string;
  status: 'pending' | 'delivered' | 'skipped';
  deliveredAt: string | null;
  live: boolean;
}

export interface LogRow {
  seq: number;
  at: string;
  by: string;
  type: EventType;
  /** What kind of event it is, in Swedish ("Lägesbild utkast"). */
  label: string;
  /** The event in one Swedish sentence. */
  text: string;
}

export interface CardStepRow {
  stepId: string;
  text: string;
  /** Done, not applicable (skipped, with a reason) or never done in the period. */
  outcome: 'done' | 'skipped' | 'never';
  at: string | null;
  by: string | null;
  dueAt: string | null;
  /** Done after its deadline, or not done when the deadline had passed at the period's end. */
  late: boolean;
  reason: string | null;
  /** Ticked by the log showing the bound action. */
  fromLog: boolean;
}

export interface CardReportRow {
  instanceId: string;
  cardId: string;
  version: number;
  title: string;
  holder: string;
  openedAt: string;
  eventId: string | null;
  steps: CardStepRow[];
  done: number;
  skipped: number;
  never: number;
  late: number;
}

export interface AfterActionReport {
  version: typeof REPORT_VERSION;
  space: string;
  /** Set when the report covers one crisis event; absent for the whole space. */
  eventId: string | null;
  title: string;
  subtitle: string;
  isExercise: boolean;
  exercise: {
    name: string;
    scenarioTitle: string | null;
    leader: string;
    objectives: string[];
    timeScale: number;
  } | null;
  period: { from: string | null; to: string | null };
  generatedAt: string;
  eventCount: number;
  timeline: TimelineItem[];
  events: EventSummary[];
  ckl: CklSummary[];
  alarms: AlarmFigures[];
  districts: DistrictFreshness[];
  tasks: TaskFigures;
  cards: CardReportRow[];
  costs: CostFigures;
  evaluations: EvaluationRow[];
  injects: InjectRow[] | null;
  log: LogRow[];
}
