/**
 * The Swedish label of every enumeration a command payload uses, by name, for the protocol
 * documentation (scripts/enumDocs.ts finds each payload enum's labels here by its values).
 * Most labels live beside their enum; the ones that had none in shared/ are defined here.
 */
import {
  CKL_FUNCTION_LABEL,
  CRISIS_SUPPORT_LABEL,
  DELEGABLE_ROLES,
  DISTRICT_STATUS_LABEL,
  HEIGHTENED_ALERT_LABEL,
  LEVEL_LABEL,
  MARKER_KIND_LABEL,
  ROLE_LABEL,
  TASK_STATUS_LABEL,
} from './vocabulary';
import {
  ACTOR_SECTOR_LABEL,
  AGENDA_LABEL,
  CONTACT_CHANNEL_LABEL,
  COST_CATEGORY_LABEL,
  MEDIA_TONE_LABEL,
  PRESENCE_LABEL,
  STAFF_SITE_LABEL,
  SUPPLY_CATEGORY_LABEL,
  TARGET_GROUP_LABEL,
} from './ckl';
import { CHANNEL_LABEL } from './alarm';
import {
  AGENDA_KIND_LABEL,
  ATTENDANCE_LABEL,
  BOARD_POSITION_LABEL,
  ITEM_OUTCOME_LABEL,
  MEETING_FORM_LABEL,
} from './board';
import { WARNING_LEVEL_LABEL, WARNING_SOURCE_LABEL, WARNING_STATUS_LABEL } from '../warnings/model';
import { DIVISIONS } from './division';
import { INJECT_KIND_LABEL, MESSAGE_CHANNEL_LABEL } from '../exercise/scenario';
import { ATTACHMENT_TARGET_LABEL, DOCUMENT_KIND_LABEL } from '../files/model';

/** How an action card's step was ticked (card.tickStep). */
export const CARD_STEP_OUTCOME_LABEL = {
  done: 'Klart',
  not_applicable: 'Ej tillämpligt',
} as const;
/** A post in the staff's roster: the lead or one of the four functions. */
export const POST_LABEL = {
  lead: 'Stabschef',
  liaison: CKL_FUNCTION_LABEL.liaison,
  analysis: CKL_FUNCTION_LABEL.analysis,
  information: CKL_FUNCTION_LABEL.information,
  admin: CKL_FUNCTION_LABEL.admin,
} as const;
/** Whose initiative a lowering was (R201). */
const INITIATIVE_LABEL = { own: 'Eget initiativ', proposal: 'På förslag av' } as const;
/** The presidency position recorded unavailable (R207). */
const ABSENT_POSITION_LABEL = {
  chair: 'Ordförande',
  first_vice_chair: '1:e vice ordförande',
} as const;
/** The affected area that names a local liaison person (R205). */
const LIAISON_AREA_LABEL = {
  district: 'Stadsdelsområde',
  unit: 'Förvaltning eller bolag',
} as const;
const AREA_KIND_LABEL = {
  district: 'Stadsdelsområde',
  unit: 'Förvaltning eller bolag',
  central: 'Central (staden)',
};
const ASSIGNEE_KIND_LABEL = {
  function: 'CKL-funktion',
  user: 'Person',
  district: 'Stadsdelsområde',
};
const DIRECTION_LABEL = { in: 'In (till oss)', out: 'Ut (från oss)' };
const REQUEST_KIND_LABEL = { expertise: 'Expertis', resource: 'Resurs' };
const REQUEST_OUTCOME_LABEL = {
  granted: 'Beviljad',
  partly_granted: 'Delvis beviljad',
  declined: 'Avslagen',
};
const PRESS_STATUS_LABEL = { held: 'Genomförd', cancelled: 'Inställd' };
const STAFF_SUPPORT_STATUS_LABEL = { arranged: 'Ordnat', closed: 'Avslutat' };
const CALL_LIST_TARGET_LABEL = {
  ckl: 'En CKL-funktion',
  ckl_lead: 'Stabschef CKL',
  district: 'Ett stadsdelsområdes krisorganisation',
  crisis_support: 'Krisstöd (POSOM)',
  board: 'Krisledningsnämnden',
};
const ALARM_ANSWER_LABEL = { coming: 'Jag kommer', cannot: 'Jag kan inte komma' };
const SHARE_RECIPIENT_KIND_LABEL = {
  actor: 'Registrerad samverkansaktör',
  other: 'Annan mottagare',
};
/** OASIS CAP 1.2 values stay in English on the wire; the labels say what they mean. */
const CAP_CATEGORY_LABEL = {
  Geo: 'Geofysisk',
  Met: 'Väder',
  Safety: 'Allmän säkerhet',
  Security: 'Säkerhet och bevakning',
  Rescue: 'Räddning',
  Fire: 'Brand',
  Health: 'Hälsa',
  Env: 'Miljö',
  Transport: 'Transport',
  Infra: 'Infrastruktur',
  CBRNE: 'CBRNE (kemiskt, biologiskt, radiologiskt, nukleärt, explosivt)',
  Other: 'Annat',
};
const CAP_URGENCY_LABEL = {
  Immediate: 'Omedelbart',
  Expected: 'Inom kort',
  Future: 'Längre fram',
  Past: 'Har passerat',
  Unknown: 'Okänt',
};
const CAP_SEVERITY_LABEL = {
  Extreme: 'Extrem',
  Severe: 'Allvarlig',
  Moderate: 'Måttlig',
  Minor: 'Liten',
  Unknown: 'Okänd',
};
const CAP_CERTAINTY_LABEL = {
  Observed: 'Bekräftad',
  Likely: 'Trolig',
  Possible: 'Möjlig',
  Unlikely: 'Osannolik',
  Unknown: 'Okänd',
};

export interface NamedLabels {
  /** What the enumeration is, in English (the docs' language), the Swedish term beside. */
  name: string;
  labels: Readonly<Record<string, string>>;
}

export const PAYLOAD_ENUM_LABELS: readonly NamedLabels[] = [
  { name: 'Role (roll)', labels: ROLE_LABEL },
  {
    name: 'Deciding role (beslutande roll)',
    labels: Object.fromEntries(DELEGABLE_ROLES.map((r) => [r, ROLE_LABEL[r]])),
  },
  { name: 'Event level (nivå)', labels: LEVEL_LABEL },
  { name: 'Initiative (initiativ)', labels: INITIATIVE_LABEL },
  { name: 'Presidency position (förhinder)', labels: ABSENT_POSITION_LABEL },
  { name: 'Liaison area (berört område)', labels: LIAISON_AREA_LABEL },
  { name: 'Heightened alert (höjd beredskap)', labels: HEIGHTENED_ALERT_LABEL },
  { name: 'CKL function (funktion)', labels: CKL_FUNCTION_LABEL },
  { name: 'District status (status)', labels: DISTRICT_STATUS_LABEL },
  { name: 'Crisis support (krisstöd)', labels: CRISIS_SUPPORT_LABEL },
  { name: 'Marker kind (markering)', labels: MARKER_KIND_LABEL },
  { name: 'Contact channel (kanal)', labels: CONTACT_CHANNEL_LABEL },
  { name: 'Actor sector (sektor)', labels: ACTOR_SECTOR_LABEL },
  { name: 'Agenda item (dagordningspunkt)', labels: AGENDA_LABEL },
  { name: 'Roll-call presence (närvaro)', labels: PRESENCE_LABEL },
  { name: 'Target group (målgrupp)', labels: TARGET_GROUP_LABEL },
  { name: 'Cost category (kostnadsslag)', labels: COST_CATEGORY_LABEL },
  { name: 'Staff site (lokal)', labels: STAFF_SITE_LABEL },
  { name: 'Supply category (förnödenhet)', labels: SUPPLY_CATEGORY_LABEL },
  { name: 'Media tone (ton)', labels: MEDIA_TONE_LABEL },
  { name: 'Alarm channel (larmkanal)', labels: CHANNEL_LABEL },
  { name: 'Inject kind (inject)', labels: INJECT_KIND_LABEL },
  { name: 'Message channel in an exercise (kanal)', labels: MESSAGE_CHANNEL_LABEL },
  { name: 'Task status (uppgiftens status)', labels: TASK_STATUS_LABEL },
  { name: 'Attachment target (bilaga till)', labels: ATTACHMENT_TARGET_LABEL },
  { name: 'Library document kind (dokumentslag)', labels: DOCUMENT_KIND_LABEL },
  { name: 'Roster post (post)', labels: POST_LABEL },
  { name: 'Owning area (ansvarig)', labels: AREA_KIND_LABEL },
  { name: 'Task assignee (ansvarig för uppgiften)', labels: ASSIGNEE_KIND_LABEL },
  { name: 'Direction (riktning)', labels: DIRECTION_LABEL },
  { name: 'Request kind (begäran)', labels: REQUEST_KIND_LABEL },
  { name: 'Request outcome (utfall)', labels: REQUEST_OUTCOME_LABEL },
  { name: 'Press conference outcome (presskonferens)', labels: PRESS_STATUS_LABEL },
  { name: 'Staff support status (krisstöd)', labels: STAFF_SUPPORT_STATUS_LABEL },
  { name: 'Call-list target (larmlistans mål)', labels: CALL_LIST_TARGET_LABEL },
  { name: 'Alarm answer (svar)', labels: ALARM_ANSWER_LABEL },
  { name: 'Share recipient (mottagare)', labels: SHARE_RECIPIENT_KIND_LABEL },
  { name: 'CAP category (kategori)', labels: CAP_CATEGORY_LABEL },
  { name: 'CAP urgency (brådska)', labels: CAP_URGENCY_LABEL },
  { name: 'CAP severity (allvarlighet)', labels: CAP_SEVERITY_LABEL },
  { name: 'CAP certainty (säkerhet)', labels: CAP_CERTAINTY_LABEL },
  { name: 'Card step outcome (steg)', labels: CARD_STEP_OUTCOME_LABEL },
  { name: 'Warning source (källa)', labels: WARNING_SOURCE_LABEL },
  { name: 'Warning level (varningsnivå)', labels: WARNING_LEVEL_LABEL },
  { name: 'Warning status (status)', labels: WARNING_STATUS_LABEL },
  { name: 'Board position (uppdrag i krisledningsnämnden)', labels: BOARD_POSITION_LABEL },
  { name: 'Board attendance (närvaro)', labels: ATTENDANCE_LABEL },
  { name: 'Board meeting form (sammanträdesform)', labels: MEETING_FORM_LABEL },
  { name: 'Board agenda item (ärende)', labels: AGENDA_KIND_LABEL },
  {
    name: 'Board agenda item the chair adds (ärende)',
    labels: Object.fromEntries(
      Object.entries(AGENDA_KIND_LABEL).filter(([k]) => k !== 'director_information'),
    ),
  },
  { name: 'Board item outcome (beslut i ärendet)', labels: ITEM_OUTCOME_LABEL },
  {
    name: 'Division (indelning)',
    labels: Object.fromEntries(Object.entries(DIVISIONS).map(([id, d]) => [id, d.name])),
  },
];
