/**
 * One Swedish sentence per event, for the report's log section, the CSV and the replay
 * screen: the type's description (shared/events/describe.ts) and, where the event carries it, what it said.
 */
import type { EventData, EventType, StoredEvent } from '../../events';
import { lookup } from '../../domain/keyed';
import {
  CKL_FUNCTION_LABEL,
  DECISION_KIND_LABEL,
  DISTRICT_STATUS_LABEL,
  LEVEL_LABEL,
  MARKER_KIND_LABEL,
  ROLE_LABEL,
  type CklFunction,
} from '../../domain/vocabulary';
import { COST_CATEGORY_LABEL } from '../../domain/ckl';
import { CHANNEL_LABEL, RECIPIENT_STATE_LABEL } from '../../domain/alarm';
import { describeEventType } from '../../events/describe';
import { formatOre } from './money';

const fns = (f: readonly CklFunction[]) => f.map((x) => CKL_FUNCTION_LABEL[x]).join(', ');

/** The payload fields of one event type that always hold a string. */
type TextField<K extends EventType> = {
  [F in keyof EventData<K>]-?: EventData<K>[F] extends string ? F : never;
}[keyof EventData<K>];

/** Events whose detail is one thing they said, word for word. */
const SAID: { [K in EventType]?: TextField<K> } = {
  'division.configured': 'name',
  'exercise.started': 'name',
  'event.opened': 'title',
  'event.centralSupportRequested': 'reason',
  'proposal.made': 'basis',
  'board.urgentDecisionReported': 'reference',
  'heightenedAlert.recorded': 'text',
  'evaluation.completed': 'summary',
  'log.written': 'text',
  'task.created': 'title',
  'ckl.briefingHeld': 'summary',
  'liaison.actorRegistered': 'name',
  'liaison.contactLogged': 'summary',
  'liaison.requestMade': 'what',
  'liaison.requestAnswered': 'answer',
  'liaison.conferenceScheduled': 'title',
  'liaison.minuted': 'text',
  'liaison.conferenceClosed': 'jointDirection',
  'liaison.conferenceCancelled': 'reason',
  'analysis.sitrepReturned': 'comment',
  'analysis.consequencesRecorded': 'title',
  'information.messageDrafted': 'headline',
  'information.messagePublished': 'headline',
  'information.messageReturned': 'reason',
  'information.messageWithdrawn': 'reason',
  'information.pressConferenceScheduled': 'topic',
  'administration.staffSupportRequested': 'need',
  'exercise.injectDelivered': 'title',
  'exercise.injectSkipped': 'injectId',
  'alarm.started': 'title',
  'alarm.recipientQueued': 'name',
  'alarm.cancelled': 'reason',
  'alarm.listSaved': 'name',
  'alarm.templateSaved': 'name',
  'alarm.contactSaved': 'name',
  'share.revoked': 'reason',
};

/** The detail after the phrase, or '' when the phrase says it all. */
function detail(e: StoredEvent, names: Map<string, string>): string {
  const said = lookup<string | undefined>(SAID, e.type);
  if (said !== undefined) return lookup(e.data as Record<string, string>, said) ?? '';
  const user = (id: string) => names.get(`u:${id}`) ?? id;
  const district = (id: string) => names.get(`d:${id}`) ?? id;
  switch (e.type) {
    case 'user.registered':
      return `${e.data.name} (${ROLE_LABEL[e.data.role]})`;
    case 'user.disabled':
    case 'user.enabled':
      return user(e.data.userId);
    case 'event.updated':
      return e.data.title ?? '';
    case 'event.centralSupportDecided':
      return e.data.granted ? 'beviljat' : 'avslaget';
    case 'decision.recorded':
      return `${DECISION_KIND_LABEL[e.data.kind]} – ${e.data.what}`;
    case 'event.levelChanged':
      return LEVEL_LABEL[e.data.level];
    case 'ckl.activated':
    case 'ckl.deactivated':
      return fns(e.data.functions);
    case 'proposal.resolved':
      return { declared: 'beslutat', rejected: 'avslaget', withdrawn: 'återtaget' }[e.data.status];
    case 'delegation.granted':
      return `till ${user(e.data.toUserId)} (${ROLE_LABEL[e.data.role]})`;
    case 'task.updated':
      return [e.data.status ? TASK_STATUS_TEXT[e.data.status] : '', e.data.note ?? '']
        .filter(Boolean)
        .join(': ');
    case 'district.reported':
      return e.data.noChange
        ? `${district(e.data.districtId)}: inget nytt`
        : `${district(e.data.districtId)}: ${DISTRICT_STATUS_LABEL[e.data.status]} – ${e.data.happened}`;
    case 'unit.reported':
      return `${e.data.unitId}: ${DISTRICT_STATUS_LABEL[e.data.status]}${e.data.noChange ? ' (inget nytt)' : ` – ${e.data.happened}`}`;
    case 'marker.placed':
      return `${MARKER_KIND_LABEL[e.data.kind]}: ${e.data.label}`;
    case 'analysis.sitrepDrafted':
    case 'analysis.sitrepApproved':
      return `${e.data.title} (version ${e.data.version})`;
    case 'information.mediaLogged':
      return `${e.data.source}: ${e.data.summary}`;
    case 'administration.costRecorded':
      return `${COST_CATEGORY_LABEL[e.data.category]}, ${e.data.kind}: ${formatOre(e.data.amountOre)}`;
    case 'administration.costVoided':
      return `${formatOre(e.data.amountOre)} – ${e.data.reason}`;
    case 'administration.supplyRecorded':
      return `${e.data.name}: ${e.data.quantity} ${e.data.unit}`;
    case 'exercise.configured':
      return `${e.data.name}${e.data.scenarioTitle ? ` (scenario: ${e.data.scenarioTitle})` : ''}`;
    case 'exercise.injectAdded':
      return `${e.data.inject.id}${e.data.live ? ' under övningen' : ''}`;
    case 'exercise.message':
      return `från ${e.data.from}: ${e.data.subject ? `${e.data.subject} – ` : ''}${e.data.text}`;
    case 'alarm.sendRecorded':
      return `${CHANNEL_LABEL[e.data.channel]}, ${
        !e.data.ok ? 'misslyckades' : e.data.delivered ? 'levererat' : 'skickat'
      }${e.data.n === 2 ? ' (påminnelse)' : e.data.n === 3 ? ' (besked om avbrutet larm)' : ''}${
        e.data.possiblyTwice
          ? ', kan ha skickats två gånger'
          : e.data.resumed
            ? ', återupptaget'
            : ''
      }`;
    case 'alarm.sendStarted':
      return `${CHANNEL_LABEL[e.data.channel]}, försök ${e.data.attempt}`;
    case 'alarm.answered':
      return e.data.answer === 'coming'
        ? `${RECIPIENT_STATE_LABEL.acknowledged}${e.data.etaMinutes !== undefined ? ` om ${e.data.etaMinutes} min` : ''}`
        : RECIPIENT_STATE_LABEL.declined;
    case 'alarm.silent':
      return RECIPIENT_STATE_LABEL[e.data.outcome];
    case 'duty.shiftSaved':
      return `${e.data.personName}`;
    default:
      return '';
  }
}

const TASK_STATUS_TEXT = {
  open: 'öppet',
  in_progress: 'pågår',
  done: 'klart',
  cancelled: 'avbrutet',
} as const;

/** "Händelse öppnad: Elavbrott i Söderort". Never the bare type name. */
export function describeEvent(e: StoredEvent, names: Map<string, string> = new Map()): string {
  const text = detail(e, names).trim();
  const label = describeEventType(e.type);
  return text ? `${label}: ${text}` : label;
}
