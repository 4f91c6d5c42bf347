/**
 * The central crisis staff (CKL) at work: the lead's tools and the four functions.
 * Vocabulary (zod enums with Swedish labels) and the `ckl` part of CityState. The state holds
 * the current picture and a bounded tail; the full history is the event log.
 */
import { z } from 'zod';
import { CAP_CATEGORIES, CAP_CERTAINTY, CAP_SEVERITY, CAP_URGENCY } from './capVocabulary';
import type { ActorRef, Audience } from './refs';
import type { CklFunction, DistrictStatus } from './vocabulary';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export const CONTACT_CHANNELS = ['phone', 'email', 'rakel', 'web', 'meeting', 'other'] as const;
export const ContactChannel = z.enum(CONTACT_CHANNELS);
export type ContactChannel = z.infer<typeof ContactChannel>;
export const CONTACT_CHANNEL_LABEL: Record<ContactChannel, string> = {
  phone: 'Telefon',
  email: 'E-post',
  rakel: 'Rakel',
  web: 'Webb',
  meeting: 'Möte',
  other: 'Annat',
};

export const ACTOR_SECTORS = [
  'police',
  'rescue',
  'health',
  'county',
  'coordination',
  'alarm',
  'insurance',
  'utility',
  'transport',
  'other',
] as const;
export const ActorSector = z.enum(ACTOR_SECTORS);
export type ActorSector = z.infer<typeof ActorSector>;
export const ACTOR_SECTOR_LABEL: Record<ActorSector, string> = {
  police: 'Polis',
  rescue: 'Räddningstjänst',
  health: 'Hälso- och sjukvård',
  county: 'Länsstyrelse',
  coordination: 'Regional samverkan',
  alarm: 'Larmcentral',
  insurance: 'Försäkring',
  utility: 'Samhällsviktig infrastruktur',
  transport: 'Transport',
  other: 'Övrigt',
};

/** The fixed agenda of a samverkanskonferens. */
export const AGENDA_ITEMS = ['situation', 'forecast', 'actions', 'needs', 'communication'] as const;
export const AgendaItem = z.enum(AGENDA_ITEMS);
export type AgendaItem = z.infer<typeof AgendaItem>;
export const AGENDA_LABEL: Record<AgendaItem, string> = {
  situation: 'Läge',
  forecast: 'Prognos',
  actions: 'Åtgärder',
  needs: 'Behov',
  communication: 'Kommunikation',
};

export const PRESENCE = ['present', 'absent', 'excused'] as const;
export const Presence = z.enum(PRESENCE);
export type Presence = z.infer<typeof Presence>;
export const PRESENCE_LABEL: Record<Presence, string> = {
  present: 'Närvarande',
  absent: 'Ej närvarande',
  excused: 'Anmält förhinder',
};

export const TARGET_GROUPS = ['staff', 'public', 'media'] as const;
export const TargetGroup = z.enum(TARGET_GROUPS);
export type TargetGroup = z.infer<typeof TargetGroup>;
export const TARGET_GROUP_LABEL: Record<TargetGroup, string> = {
  staff: 'Medarbetare',
  public: 'Allmänheten',
  media: 'Media',
};

export const MESSAGE_STATUSES = [
  'draft',
  'returned',
  'approved',
  'published',
  'withdrawn',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_STATUS_LABEL: Record<MessageStatus, string> = {
  draft: 'Utkast',
  returned: 'Återremitterat',
  approved: 'Godkänt',
  published: 'Publicerat',
  withdrawn: 'Återkallat',
};

/** CAP 1.2 enumerations, re-exported for the consoles that build a message. */
export { CAP_CATEGORIES, CAP_CERTAINTY, CAP_SEVERITY, CAP_URGENCY };
export const CapInfo = z
  .object({
    category: z.enum(CAP_CATEGORIES).default('Safety'),
    urgency: z.enum(CAP_URGENCY).default('Expected'),
    severity: z.enum(CAP_SEVERITY).default('Moderate'),
    certainty: z.enum(CAP_CERTAINTY).default('Likely'),
    expires: z.string().datetime({ offset: true }).optional(),
  })
  .strict();
export type CapInfo = z.output<typeof CapInfo>;

export const SITREP_STATUSES = ['draft', 'returned', 'approved', 'superseded'] as const;
export type SitrepStatus = (typeof SITREP_STATUSES)[number];

export const COST_CATEGORIES = ['damage', 'response'] as const;
export const CostCategory = z.enum(COST_CATEGORIES);
export type CostCategory = z.infer<typeof CostCategory>;
export const COST_CATEGORY_LABEL: Record<CostCategory, string> = {
  damage: 'Skadekostnad',
  response: 'Insatskostnad',
};

export const STAFF_SITES = ['ordinary', 'protected_command_post', 'alternative_site'] as const;
export const StaffSite = z.enum(STAFF_SITES);
export type StaffSite = z.infer<typeof StaffSite>;
export const STAFF_SITE_LABEL: Record<StaffSite, string> = {
  ordinary: 'Ordinarie lokal',
  protected_command_post: 'Skyddad ledningsplats',
  alternative_site: 'Alternativ ledningsplats',
};

export const SUPPLY_CATEGORIES = ['food', 'drink', 'lodging', 'equipment', 'other'] as const;
export const SupplyCategory = z.enum(SUPPLY_CATEGORIES);
export type SupplyCategory = z.infer<typeof SupplyCategory>;
export const SUPPLY_CATEGORY_LABEL: Record<SupplyCategory, string> = {
  food: 'Mat',
  drink: 'Dryck',
  lodging: 'Logi',
  equipment: 'Teknisk utrustning',
  other: 'Övrigt',
};

/** Who staffs a roster shift: one of the four functions or the lead (ledning). */
export const SHIFT_POSTS = ['lead', 'liaison', 'analysis', 'information', 'admin'] as const;
export const ShiftPost = z.enum(SHIFT_POSTS);
export type ShiftPost = z.infer<typeof ShiftPost>;

export const MEDIA_TONES = ['positive', 'neutral', 'negative', 'misinformation'] as const;
export const MediaTone = z.enum(MEDIA_TONES);
export type MediaTone = z.infer<typeof MediaTone>;
export const MEDIA_TONE_LABEL: Record<MediaTone, string> = {
  positive: 'Positiv',
  neutral: 'Neutral',
  negative: 'Negativ',
  misinformation: 'Felaktig uppgift',
};

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

export interface ContactRoute {
  channel: ContactChannel;
  value: string;
  note?: string;
}

export interface ExternalActor {
  id: string;
  name: string;
  sector: ActorSector;
  routes: ContactRoute[];
  active: boolean;
  updatedAt?: string;
}

export interface ContactEntry {
  id: string;
  actorId: string;
  eventId?: string;
  direction: 'in' | 'out';
  channel: ContactChannel;
  summary: string;
  at: string;
  by: ActorRef;
}

export interface Representative {
  id: string;
  actorId: string;
  eventId?: string;
  person: string;
  location: string;
  placedAt: string;
  placedBy: ActorRef;
  until?: string;
  withdrawnAt?: string;
}

export interface ActorRequest {
  id: string;
  actorId: string;
  eventId: string;
  kind: 'expertise' | 'resource';
  what: string;
  neededBy?: string;
  at: string;
  by: ActorRef;
  status: 'open' | 'granted' | 'partly_granted' | 'declined';
  answer?: { text: string; at: string; by: ActorRef };
}

export interface Conference {
  id: string;
  eventId: string;
  title: string;
  scheduledAt: string;
  cadenceMinutes?: number;
  status: 'scheduled' | 'in_progress' | 'closed' | 'cancelled';
  rollCall: Record<string, Presence>;
  minutes: Partial<Record<AgendaItem, string>>;
  jointDirection?: string;
  startedAt?: string;
  closedAt?: string;
  closedBy?: ActorRef;
  /** The conference scheduled by this one's cadence when it closed. */
  nextId?: string;
  cancelReason?: string;
}

/** A unit's (facknämnd or bolag) situation report; the analysis function compiles them too. */
export interface UnitSituationReport {
  id: string;
  unitId: string;
  at: string;
  by: ActorRef;
  status: DistrictStatus;
  happened: string;
  consequences: string;
  actions: string;
  needs: string;
  nextReportDue: string;
  noChange: boolean;
}

export interface SitrepBody {
  title: string;
  situation: string;
  forecast: string;
  consequences: string;
  needs: string;
  recommendations: string;
}

/** A report's own text, picked from anything that carries it (an event, a version), in order. */
export const sitrepBody = (r: SitrepBody): SitrepBody => ({
  title: r.title,
  situation: r.situation,
  forecast: r.forecast,
  consequences: r.consequences,
  needs: r.needs,
  recommendations: r.recommendations,
});

/** A situation report's text sections in reading order, with their Swedish headings. */
export const SITREP_SECTIONS: readonly (readonly [Exclude<keyof SitrepBody, 'title'>, string])[] = [
  ['situation', 'Läge'],
  ['forecast', 'Prognos'],
  ['consequences', 'Konsekvenser'],
  ['needs', 'Behov'],
  ['recommendations', 'Rekommendation'],
];

/** The report ids a situation report was compiled from, and what was stale or missing then. */
export interface SitrepSources {
  districtReportIds: string[];
  unitReportIds: string[];
  staleDistrictIds: string[];
  missingDistrictIds: string[];
}

/** One version of a situation report (samlad lägesbild), per event or for the whole city. */
export interface SituationReportVersion extends SitrepBody {
  id: string;
  /** Versions of the same report share a series: the event id, or 'city'. */
  series: string;
  eventId?: string;
  version: number;
  status: SitrepStatus;
  sources: SitrepSources;
  draftedAt: string;
  draftedBy: ActorRef;
  returned?: { at: string; by: ActorRef; comment: string };
  approvedAt?: string;
  approvedBy?: ActorRef;
  sentTo?: string[];
  audience?: Audience;
}

export interface AnalysisOption {
  id: string;
  title: string;
  description: string;
}

export interface ConsequenceAnalysis {
  id: string;
  eventId: string;
  title: string;
  consequences: string;
  horizon: string;
  options: AnalysisOption[];
  recommendedOptionId?: string;
  at: string;
  by: ActorRef;
  decision?: { decisionId: string; optionId?: string; at: string };
}

export interface InfoMessage {
  id: string;
  eventId?: string;
  targetGroup: TargetGroup;
  headline: string;
  body: string;
  instruction: string;
  channels: string[];
  areaDistrictIds: string[];
  cap: CapInfo;
  /** The earlier published message this one updates (CAP msgType Update). */
  replaces?: string;
  version: number;
  status: MessageStatus;
  draftedAt: string;
  draftedBy: ActorRef;
  returned?: { at: string; by: ActorRef; reason: string };
  approvedAt?: string;
  approvedBy?: ActorRef;
  publishedAt?: string;
  publishedBy?: ActorRef;
  withdrawn?: { at: string; by: ActorRef; reason: string };
  audience?: Audience;
}

export interface PressConference {
  id: string;
  eventId?: string;
  at: string;
  place: string;
  topic: string;
  spokespersons: string[];
  status: 'scheduled' | 'held' | 'cancelled';
  notes?: string;
}

export interface MediaNote {
  id: string;
  eventId?: string;
  source: string;
  summary: string;
  tone: MediaTone;
  actionNeeded: boolean;
  at: string;
  by: ActorRef;
}

export interface CostEntry {
  id: string;
  eventId: string;
  category: CostCategory;
  kind: string;
  amountOre: number;
  description: string;
  at: string;
  by: ActorRef;
  voided?: { at: string; reason: string };
}

export interface EventCosts {
  eventId: string;
  /** Exact totals in öre over all entries ever recorded minus voided ones. */
  damageOre: number;
  responseOre: number;
  /** The latest entries; older ones are in the log. */
  entries: CostEntry[];
}

export interface StaffSupportRequest {
  id: string;
  person: string;
  need: string;
  urgent: boolean;
  at: string;
  by: ActorRef;
  status: 'open' | 'arranged' | 'closed';
  note?: string;
  handledAt?: string;
  audience?: Audience;
}

export interface PresenceEntry {
  person: string;
  userId?: string;
  site: StaffSite;
  since: string;
}

export interface Movement {
  id: string;
  person: string;
  userId?: string;
  site: StaffSite;
  direction: 'in' | 'out';
  at: string;
  by: ActorRef;
}

export interface SupplyItem {
  id: string;
  name: string;
  category: SupplyCategory;
  quantity: number;
  unit: string;
  site: StaffSite;
  minimum?: number;
  updatedAt: string;
  updatedBy: ActorRef;
}

export interface BriefingCadence {
  nextAt?: string;
  intervalMinutes?: number;
  place?: string;
  lastHeldAt?: string;
  lastSummary?: string;
  count: number;
}

export interface CklState {
  briefing: BriefingCadence;
  actors: Record<string, ExternalActor>;
  contacts: ContactEntry[];
  representatives: Record<string, Representative>;
  requests: Record<string, ActorRequest>;
  conferences: Record<string, Conference>;
  unitReports: Record<string, UnitSituationReport>;
  sitreps: Record<string, SituationReportVersion>;
  analyses: Record<string, ConsequenceAnalysis>;
  messages: Record<string, InfoMessage>;
  pressConferences: Record<string, PressConference>;
  media: MediaNote[];
  costs: Record<string, EventCosts>;
  staffSupport: Record<string, StaffSupportRequest>;
  staffSite?: { site: StaffSite; since: string; note: string };
  presence: Record<string, PresenceEntry>;
  movements: Movement[];
  supplies: Record<string, SupplyItem>;
}

/**
 * The register of external actors every installation starts with (domain.md, liaison). Routes
 * are the actors' public web addresses only: the duty numbers the city has agreed with each
 * actor are not public and are entered by the liaison function during preparation.
 */
export const SEED_ACTORS: readonly Omit<ExternalActor, 'active'>[] = [
  {
    id: 'polisen',
    name: 'Polisen',
    sector: 'police',
    routes: [{ channel: 'web', value: 'https://polisen.se' }],
  },
  {
    id: 'storstockholms-brandforsvar',
    name: 'Storstockholms brandförsvar',
    sector: 'rescue',
    routes: [{ channel: 'web', value: 'https://www.storstockholm.brand.se' }],
  },
  {
    id: 'region-stockholm',
    name: 'Region Stockholm',
    sector: 'health',
    routes: [{ channel: 'web', value: 'https://www.regionstockholm.se' }],
  },
  {
    id: 'lansstyrelsen-stockholm',
    name: 'Länsstyrelsen i Stockholms län',
    sector: 'county',
    routes: [{ channel: 'web', value: 'https://www.lansstyrelsen.se/stockholm' }],
  },
  { id: 'ssr', name: 'Samverkan Stockholmsregionen (SSR)', sector: 'coordination', routes: [] },
  {
    id: 'sos-alarm',
    name: 'SOS Alarm',
    sector: 'alarm',
    routes: [{ channel: 'web', value: 'https://www.sosalarm.se' }],
  },
  { id: 'st-erik-forsakring', name: 'S:t Erik Försäkring', sector: 'insurance', routes: [] },
  {
    id: 'ellevio',
    name: 'Ellevio',
    sector: 'utility',
    routes: [{ channel: 'web', value: 'https://www.ellevio.se' }],
  },
  {
    id: 'stockholm-exergi',
    name: 'Stockholm Exergi',
    sector: 'utility',
    routes: [{ channel: 'web', value: 'https://www.stockholmexergi.se' }],
  },
  {
    id: 'stockholm-vatten-och-avfall',
    name: 'Stockholm Vatten och Avfall',
    sector: 'utility',
    routes: [{ channel: 'web', value: 'https://www.svoa.se' }],
  },
  {
    id: 'trafikverket',
    name: 'Trafikverket',
    sector: 'transport',
    routes: [{ channel: 'web', value: 'https://www.trafikverket.se' }],
  },
  {
    id: 'sl',
    name: 'SL',
    sector: 'transport',
    routes: [{ channel: 'web', value: 'https://sl.se' }],
  },
];

export function emptyCklState(): CklState {
  return {
    briefing: { count: 0 },
    actors: Object.fromEntries(SEED_ACTORS.map((a) => [a.id, { ...a, active: true }])),
    contacts: [],
    representatives: {},
    requests: {},
    conferences: {},
    unitReports: {},
    sitreps: {},
    analyses: {},
    messages: {},
    pressConferences: {},
    media: [],
    costs: {},
    staffSupport: {},
    presence: {},
    movements: [],
    supplies: {},
  };
}

/** The CKL function that owns each command family (used by policy and the activation rule). */
export type CklOwner = CklFunction | 'lead';
