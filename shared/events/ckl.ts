/** Events of the central crisis staff at work. Everything the functions do is here. */
import { z } from 'zod';
import { Id, IsoTime } from './schemas';
import { DistrictStatus, Role, DelegableRole } from '../domain/vocabulary';
import {
  ActorSector,
  AgendaItem,
  CapInfo,
  ContactChannel,
  CostCategory,
  MediaTone,
  Presence,
  ShiftPost,
  StaffSite,
  SupplyCategory,
  TargetGroup,
} from '../domain/ckl';

const Ref = z.object({
  userId: Id,
  name: z.string(),
  role: Role,
  actingFor: DelegableRole.optional(),
});
const Route = z.object({ channel: ContactChannel, value: z.string(), note: z.string().optional() });
export const SitrepBodySchema = {
  title: z.string(),
  situation: z.string(),
  forecast: z.string(),
  consequences: z.string(),
  needs: z.string(),
  recommendations: z.string(),
};
const Sources = z.object({
  districtReportIds: z.array(Id),
  unitReportIds: z.array(Id),
  staleDistrictIds: z.array(Id),
  missingDistrictIds: z.array(Id),
});
/** One version of a sitrep in a series: what the draft carries and the approval repeats. */
const SitrepVersionFields = {
  sitrepId: Id,
  series: Id,
  eventId: Id.optional(),
  version: z.number().int().positive(),
  ...SitrepBodySchema,
  sources: Sources,
};
const MessageContent = {
  messageId: Id,
  eventId: Id.optional(),
  targetGroup: TargetGroup,
  headline: z.string(),
  body: z.string(),
  instruction: z.string(),
  channels: z.array(z.string()),
  areaDistrictIds: z.array(Id),
  cap: CapInfo,
  replaces: Id.optional(),
  version: z.number().int().positive(),
};

export const CKL_EVENTS = {
  // The lead (stabschef)
  'ckl.briefingScheduled': z.object({
    nextAt: IsoTime,
    intervalMinutes: z.number().int().positive().optional(),
    place: z.string().optional(),
  }),
  'ckl.briefingHeld': z.object({ summary: z.string(), nextAt: IsoTime.optional() }),
  'ckl.analysisDecided': z.object({
    analysisId: Id,
    decisionId: Id,
    optionId: Id.optional(),
  }),

  // Liaison (samverkan)
  'liaison.actorRegistered': z.object({
    actorId: Id,
    name: z.string(),
    sector: ActorSector,
    routes: z.array(Route),
  }),
  'liaison.actorUpdated': z.object({
    actorId: Id,
    name: z.string().optional(),
    sector: ActorSector.optional(),
    routes: z.array(Route).optional(),
    active: z.boolean().optional(),
  }),
  'liaison.contactLogged': z.object({
    contactId: Id,
    actorId: Id,
    eventId: Id.optional(),
    direction: z.enum(['in', 'out']),
    channel: ContactChannel,
    summary: z.string(),
  }),
  'liaison.representativePlaced': z.object({
    representativeId: Id,
    actorId: Id,
    eventId: Id.optional(),
    person: z.string(),
    location: z.string(),
    until: IsoTime.optional(),
  }),
  'liaison.representativeWithdrawn': z.object({ representativeId: Id }),
  'liaison.requestMade': z.object({
    requestId: Id,
    actorId: Id,
    eventId: Id,
    kind: z.enum(['expertise', 'resource']),
    what: z.string(),
    neededBy: IsoTime.optional(),
  }),
  'liaison.requestAnswered': z.object({
    requestId: Id,
    outcome: z.enum(['granted', 'partly_granted', 'declined']),
    answer: z.string(),
  }),
  'liaison.conferenceScheduled': z.object({
    conferenceId: Id,
    eventId: Id,
    title: z.string(),
    at: IsoTime,
    cadenceMinutes: z.number().int().positive().optional(),
  }),
  'liaison.conferenceStarted': z.object({ conferenceId: Id }),
  'liaison.rollCalled': z.object({ conferenceId: Id, actorId: Id, presence: Presence }),
  'liaison.minuted': z.object({ conferenceId: Id, item: AgendaItem, text: z.string() }),
  'liaison.conferenceClosed': z.object({
    conferenceId: Id,
    jointDirection: z.string(),
    nextId: Id.optional(),
  }),
  'liaison.conferenceCancelled': z.object({ conferenceId: Id, reason: z.string() }),

  // Analysis
  'unit.reported': z.object({
    reportId: Id,
    unitId: Id,
    status: DistrictStatus,
    happened: z.string(),
    consequences: z.string(),
    actions: z.string(),
    needs: z.string(),
    nextReportDue: IsoTime,
    /** A "no change" confirmation repeats the previous report and only refreshes freshness. */
    noChange: z.boolean().default(false),
  }),
  'analysis.sitrepDrafted': z.object(SitrepVersionFields),
  'analysis.sitrepReturned': z.object({ sitrepId: Id, comment: z.string() }),
  /**
   * Carries the whole version: consoles that never saw the (restricted) draft, such as the
   * districts', build the approved report from this event alone.
   */
  'analysis.sitrepApproved': z.object({
    ...SitrepVersionFields,
    draftedAt: IsoTime,
    draftedBy: Ref,
    sentTo: z.array(z.string()),
  }),
  'analysis.consequencesRecorded': z.object({
    analysisId: Id,
    eventId: Id,
    title: z.string(),
    consequences: z.string(),
    horizon: z.string(),
    options: z.array(z.object({ id: Id, title: z.string(), description: z.string() })),
    recommendedOptionId: Id.optional(),
  }),

  // Information
  'information.messageDrafted': z.object(MessageContent),
  'information.messageReturned': z.object({ messageId: Id, reason: z.string() }),
  'information.messageApproved': z.object({ messageId: Id }),
  /** Carries the whole message, for the consoles that never saw the draft. */
  'information.messagePublished': z.object({
    ...MessageContent,
    draftedAt: IsoTime,
    draftedBy: Ref,
    approvedAt: IsoTime,
    approvedBy: Ref,
  }),
  'information.messageWithdrawn': z.object({ messageId: Id, reason: z.string() }),
  'information.pressConferenceScheduled': z.object({
    pressId: Id,
    eventId: Id.optional(),
    at: IsoTime,
    place: z.string(),
    topic: z.string(),
    spokespersons: z.array(z.string()),
  }),
  'information.pressConferenceRecorded': z.object({
    pressId: Id,
    status: z.enum(['held', 'cancelled']),
    notes: z.string(),
  }),
  'information.mediaLogged': z.object({
    noteId: Id,
    eventId: Id.optional(),
    source: z.string(),
    summary: z.string(),
    tone: MediaTone,
    actionNeeded: z.boolean(),
  }),

  // Administration
  'administration.shiftAdded': z.object({
    shiftId: Id,
    post: ShiftPost,
    person: z.string(),
    userId: Id.optional(),
    contactId: Id.optional(),
    from: IsoTime,
    to: IsoTime,
    eventId: Id.optional(),
  }),
  'administration.shiftCancelled': z.object({ shiftId: Id, reason: z.string() }),
  'administration.costRecorded': z.object({
    costId: Id,
    eventId: Id,
    category: CostCategory,
    kind: z.string(),
    amountOre: z.number().int(),
    description: z.string(),
  }),
  /** Carries the amount, so the totals stay exact after the entry left the state's tail. */
  'administration.costVoided': z.object({
    costId: Id,
    eventId: Id,
    category: CostCategory,
    amountOre: z.number().int(),
    reason: z.string(),
  }),
  'administration.staffSupportRequested': z.object({
    requestId: Id,
    person: z.string(),
    need: z.string(),
    urgent: z.boolean(),
  }),
  'administration.staffSupportHandled': z.object({
    requestId: Id,
    status: z.enum(['arranged', 'closed']),
    note: z.string(),
  }),
  'administration.staffSiteSet': z.object({ site: StaffSite, note: z.string() }),
  'administration.movementRecorded': z.object({
    movementId: Id,
    person: z.string(),
    userId: Id.optional(),
    site: StaffSite,
    direction: z.enum(['in', 'out']),
  }),
  'administration.supplyRecorded': z.object({
    itemId: Id,
    name: z.string(),
    category: SupplyCategory,
    quantity: z.number().min(0),
    unit: z.string(),
    site: StaffSite,
    minimum: z.number().min(0).optional(),
  }),
} as const;
