import { z } from 'zod';
import { WarningRefSchema } from '../warnings/model';
import {
  CklFunction,
  CrisisSupportState,
  DecisionKind,
  DelegableRole,
  DistrictStatus,
  HeightenedAlertLevel,
  Level,
  MarkerKind,
  Role,
  TaskStatus,
} from '../domain/vocabulary';

/** Shared field shapes. */
export const Id = z.string().min(1).max(80);
export const Text = (max: number) => z.string().trim().max(max);
export const IsoTime = z.string().datetime({ offset: true });
export const AudienceSchema = z
  .object({
    districtIds: z.array(Id).max(50).optional(),
    unitIds: z.array(Id).max(50).optional(),
    roles: z.array(Role).max(20).optional(),
  })
  .strict();
export const TaskAssignee = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('function'), fn: CklFunction }).strict(),
  z.object({ kind: z.literal('user'), userId: Id }).strict(),
  z.object({ kind: z.literal('district'), districtId: Id }).strict(),
]);
/** Whose initiative a decision was (R200, R201): a named person's proposal, or the decider's own. */
export const DecisionInitiative = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('own') }).strict(),
  z
    .object({
      kind: z.literal('proposal'),
      proposalId: Id.optional(),
      proposedBy: z.object({ userId: Id, name: z.string(), role: Role }).strict(),
    })
    .strict(),
]);
/** One action an evaluation decides on: what, who owns it, by when (R204). */
export const EvaluationAction = z
  .object({ what: z.string(), owner: z.string(), due: IsoTime.optional() })
  .strict();
export const EventOwner = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('district'), id: Id }).strict(),
  z.object({ kind: z.literal('unit'), id: Id }).strict(),
  z.object({ kind: z.literal('central') }).strict(),
]);

/**
 * Every event type the log can hold, with its data schema. Defined once; the reducer, the
 * server and the client all take their types from here.
 */
export const CORE_EVENTS = {
  'division.configured': z.object({
    id: Id,
    name: z.string(),
    districts: z.array(z.object({ id: Id, name: z.string() })),
  }),
  'user.registered': z.object({
    userId: Id,
    name: z.string(),
    role: Role,
    districtId: Id.optional(),
    unitId: Id.optional(),
  }),
  'user.disabled': z.object({ userId: Id }),
  'user.enabled': z.object({ userId: Id }),
  'event.opened': z.object({
    eventId: Id,
    title: z.string(),
    description: z.string(),
    owner: EventOwner,
    affectedDistrictIds: z.array(Id),
    affectedUnitIds: z.array(Id),
    /** The official warning it was opened from (R139). */
    source: WarningRefSchema.optional(),
  }),
  'event.updated': z.object({
    eventId: Id,
    title: z.string().optional(),
    description: z.string().optional(),
    affectedDistrictIds: z.array(Id).optional(),
    affectedUnitIds: z.array(Id).optional(),
  }),
  'event.centralSupportRequested': z.object({ eventId: Id, reason: z.string() }),
  'decision.recorded': z.object({
    decisionId: Id,
    kind: DecisionKind,
    eventId: Id.optional(),
    basis: z.string(),
    what: z.string(),
    informed: z.array(z.string()),
    /** Whose initiative it was: a named proposal, or the decider's own (R200, R201). */
    initiative: DecisionInitiative.optional(),
    /** The affected units consulted (samråd) before central support (R202). */
    consulted: z.array(z.string()).optional(),
    /** Decided in second hand because the one who normally decides could not be reached (R202). */
    secondHand: z.object({ reason: z.string() }).optional(),
  }),
  'event.centralSupportDecided': z.object({ eventId: Id, granted: z.boolean(), decisionId: Id }),
  'event.levelChanged': z.object({ eventId: Id, level: Level, decisionId: Id }),
  'ckl.activated': z.object({ eventId: Id, functions: z.array(CklFunction), decisionId: Id }),
  'ckl.deactivated': z.object({ eventId: Id, functions: z.array(CklFunction), decisionId: Id }),
  'proposal.made': z.object({ proposalId: Id, eventId: Id, basis: z.string() }),
  'proposal.resolved': z.object({
    proposalId: Id,
    status: z.enum(['declared', 'rejected', 'withdrawn']),
    resolution: z.string(),
  }),
  'board.urgentDecisionReported': z.object({ decisionId: Id, reference: z.string() }),
  'heightenedAlert.recorded': z.object({
    level: HeightenedAlertLevel,
    governmentDecisionRef: z.string(),
    text: z.string(),
    decisionId: Id,
  }),
  'delegation.granted': z.object({
    delegationId: Id,
    role: DelegableRole,
    toUserId: Id,
    basis: z.string(),
    until: IsoTime.optional(),
  }),
  'delegation.revoked': z.object({ delegationId: Id }),
  'event.closed': z.object({ eventId: Id, decisionId: Id }),
  'evaluation.opened': z.object({ evaluationId: Id, eventId: Id }),
  'evaluation.completed': z.object({
    evaluationId: Id,
    summary: z.string(),
    /** What was learnt, each action with its owner, and when it is followed up (R204). */
    findings: z.array(z.string()).optional(),
    actions: z.array(EvaluationAction).optional(),
    followUpAt: IsoTime.optional(),
  }),
  'log.written': z.object({
    entryId: Id,
    eventId: Id.optional(),
    districtId: Id.optional(),
    text: z.string(),
    /** The official warning this entry records as decision basis (R139). */
    source: WarningRefSchema.optional(),
  }),
  'task.created': z.object({
    taskId: Id,
    eventId: Id.optional(),
    title: z.string(),
    description: z.string(),
    assignee: TaskAssignee,
    deadline: IsoTime.optional(),
  }),
  'task.updated': z.object({
    taskId: Id,
    status: TaskStatus.optional(),
    note: z.string().optional(),
    deadline: IsoTime.optional(),
  }),
  'district.reported': z.object({
    reportId: Id,
    districtId: Id,
    status: DistrictStatus,
    happened: z.string(),
    consequences: z.string(),
    actions: z.string(),
    needs: z.string(),
    crisisSupport: CrisisSupportState,
    nextReportDue: IsoTime,
    noChange: z.boolean(),
  }),
  'marker.placed': z.object({
    markerId: Id,
    kind: MarkerKind,
    label: z.string(),
    districtId: Id,
    eventId: Id.optional(),
    lat: z.number(),
    lng: z.number(),
  }),
  'marker.moved': z.object({ markerId: Id, lat: z.number(), lng: z.number(), districtId: Id }),
  'marker.removed': z.object({ markerId: Id }),
} as const;
