/**
 * Appliers for the CKL events. Immutable and bounded: lists keep a tail, records drop their
 * oldest finished items past a cap; the full history is the log.
 */
import type { EventData, StoredEvent } from '../events';
import type { CKL_EVENTS } from '../events/ckl';
import type { CityState } from '../domain/state';
import {
  sitrepBody,
  type CklState,
  type InfoMessage,
  type SituationReportVersion,
} from '../domain/ckl';
import { lookup, setEntry } from '../domain/keyed';
import { postDuty } from '../domain/alarm';
import { reportBody } from './reportBody';

export const CKL_LIST_TAIL = 300;
export const CKL_RECORD_CAP = 300;
export const CKL_COST_ENTRIES_PER_EVENT = 100;

type Meta = Pick<StoredEvent, 'at' | 'actor' | 'audience' | 'seq'>;
type CklAppliers = {
  [K in keyof typeof CKL_EVENTS]: (s: CityState, d: EventData<K>, m: Meta) => CityState;
};

const withCkl = (s: CityState, patch: Partial<CklState>): CityState => ({
  ...s,
  ckl: { ...s.ckl, ...patch },
});

const tail = <T>(list: readonly T[], item: T, max = CKL_LIST_TAIL): T[] =>
  list.length >= max ? [...list.slice(list.length - max + 1), item] : [...list, item];

/** Adds or replaces one item; past the cap, the oldest finished items leave the state. */
function put<T>(
  rec: Record<string, T>,
  id: string,
  item: T,
  finished: (t: T) => boolean,
  max = CKL_RECORD_CAP,
): Record<string, T> {
  const next = { ...rec, [id]: item };
  const keys = Object.keys(next);
  if (keys.length <= max) return next;
  for (const k of keys) {
    if (Object.keys(next).length <= max) break;
    if (k !== id && finished(lookup(next, k)!)) delete next[k];
  }
  return next;
}

function patch<T>(rec: Record<string, T>, id: string, f: (t: T) => T): Record<string, T> | null {
  const cur = lookup(rec, id);
  return cur === undefined ? null : { ...rec, [id]: f(cur) };
}

const messageDone = (m: InfoMessage) => m.status === 'withdrawn' || m.status === 'published';
const sitrepDone = (r: SituationReportVersion) => r.status === 'superseded';
const aud = (m: Meta) => (m.audience ? { audience: m.audience } : {});

/** What a drafted and an approved sitrep event both carry, as the version's fields. */
const sitrepContent = (d: EventData<'analysis.sitrepDrafted'>) => ({
  id: d.sitrepId,
  series: d.series,
  eventId: d.eventId,
  version: d.version,
  ...sitrepBody(d),
  sources: d.sources,
});

/** What a drafted and a published message event both carry, as the message's fields. */
const messageContent = (d: EventData<'information.messageDrafted'>) => ({
  id: d.messageId,
  eventId: d.eventId,
  targetGroup: d.targetGroup,
  headline: d.headline,
  body: d.body,
  instruction: d.instruction,
  channels: d.channels,
  areaDistrictIds: d.areaDistrictIds,
  cap: d.cap,
  replaces: d.replaces,
  version: d.version,
});

export const cklAppliers: CklAppliers = {
  'ckl.briefingScheduled': (s, d) =>
    withCkl(s, {
      briefing: {
        ...s.ckl.briefing,
        nextAt: d.nextAt,
        intervalMinutes: d.intervalMinutes,
        place: d.place ?? s.ckl.briefing.place,
      },
    }),
  'ckl.briefingHeld': (s, d, m) =>
    withCkl(s, {
      briefing: {
        ...s.ckl.briefing,
        lastHeldAt: m.at,
        lastSummary: d.summary,
        nextAt: d.nextAt,
        count: s.ckl.briefing.count + 1,
      },
    }),
  'ckl.analysisDecided': (s, d, m) => {
    const analyses = patch(s.ckl.analyses, d.analysisId, (a) => ({
      ...a,
      decision: { decisionId: d.decisionId, optionId: d.optionId, at: m.at },
    }));
    return analyses ? withCkl(s, { analyses }) : s;
  },

  'liaison.actorRegistered': (s, d, m) =>
    withCkl(s, {
      actors: {
        ...s.ckl.actors,
        [d.actorId]: {
          id: d.actorId,
          name: d.name,
          sector: d.sector,
          routes: d.routes,
          active: true,
          updatedAt: m.at,
        },
      },
    }),
  'liaison.actorUpdated': (s, d, m) => {
    const actors = patch(s.ckl.actors, d.actorId, (a) => ({
      ...a,
      name: d.name ?? a.name,
      sector: d.sector ?? a.sector,
      routes: d.routes ?? a.routes,
      active: d.active ?? a.active,
      updatedAt: m.at,
    }));
    return actors ? withCkl(s, { actors }) : s;
  },
  'liaison.contactLogged': (s, d, m) =>
    withCkl(s, {
      contacts: tail(s.ckl.contacts, {
        id: d.contactId,
        actorId: d.actorId,
        eventId: d.eventId,
        direction: d.direction,
        channel: d.channel,
        summary: d.summary,
        at: m.at,
        by: m.actor,
      }),
    }),
  'liaison.representativePlaced': (s, d, m) =>
    withCkl(s, {
      representatives: put(
        s.ckl.representatives,
        d.representativeId,
        {
          id: d.representativeId,
          actorId: d.actorId,
          eventId: d.eventId,
          person: d.person,
          location: d.location,
          placedAt: m.at,
          placedBy: m.actor,
          until: d.until,
        },
        (r) => r.withdrawnAt !== undefined,
      ),
    }),
  'liaison.representativeWithdrawn': (s, d, m) => {
    const representatives = patch(s.ckl.representatives, d.representativeId, (r) => ({
      ...r,
      withdrawnAt: m.at,
    }));
    return representatives ? withCkl(s, { representatives }) : s;
  },
  'liaison.requestMade': (s, d, m) =>
    withCkl(s, {
      requests: put(
        s.ckl.requests,
        d.requestId,
        {
          id: d.requestId,
          actorId: d.actorId,
          eventId: d.eventId,
          kind: d.kind,
          what: d.what,
          neededBy: d.neededBy,
          at: m.at,
          by: m.actor,
          status: 'open',
        },
        (r) => r.status !== 'open',
      ),
    }),
  'liaison.requestAnswered': (s, d, m) => {
    const requests = patch(s.ckl.requests, d.requestId, (r) => ({
      ...r,
      status: d.outcome,
      answer: { text: d.answer, at: m.at, by: m.actor },
    }));
    return requests ? withCkl(s, { requests }) : s;
  },
  'liaison.conferenceScheduled': (s, d) =>
    withCkl(s, {
      conferences: put(
        s.ckl.conferences,
        d.conferenceId,
        {
          id: d.conferenceId,
          eventId: d.eventId,
          title: d.title,
          scheduledAt: d.at,
          cadenceMinutes: d.cadenceMinutes,
          status: 'scheduled',
          rollCall: {},
          minutes: {},
        },
        (c) => c.status === 'closed' || c.status === 'cancelled',
      ),
    }),
  'liaison.conferenceStarted': (s, d, m) => {
    const conferences = patch(s.ckl.conferences, d.conferenceId, (c) => ({
      ...c,
      status: 'in_progress' as const,
      startedAt: m.at,
    }));
    return conferences ? withCkl(s, { conferences }) : s;
  },
  'liaison.rollCalled': (s, d) => {
    const conferences = patch(s.ckl.conferences, d.conferenceId, (c) => ({
      ...c,
      rollCall: { ...c.rollCall, [d.actorId]: d.presence },
    }));
    return conferences ? withCkl(s, { conferences }) : s;
  },
  'liaison.minuted': (s, d) => {
    const conferences = patch(s.ckl.conferences, d.conferenceId, (c) => ({
      ...c,
      minutes: { ...c.minutes, [d.item]: d.text },
    }));
    return conferences ? withCkl(s, { conferences }) : s;
  },
  'liaison.conferenceClosed': (s, d, m) => {
    const conferences = patch(s.ckl.conferences, d.conferenceId, (c) => ({
      ...c,
      status: 'closed' as const,
      jointDirection: d.jointDirection,
      closedAt: m.at,
      closedBy: m.actor,
      nextId: d.nextId,
    }));
    return conferences ? withCkl(s, { conferences }) : s;
  },
  'liaison.conferenceCancelled': (s, d) => {
    const conferences = patch(s.ckl.conferences, d.conferenceId, (c) => ({
      ...c,
      status: 'cancelled' as const,
      cancelReason: d.reason,
    }));
    return conferences ? withCkl(s, { conferences }) : s;
  },

  'unit.reported': (s, d, m) =>
    withCkl(s, {
      unitReports: {
        ...s.ckl.unitReports,
        [d.unitId]: {
          id: d.reportId,
          unitId: d.unitId,
          ...reportBody(d, m),
          nextReportDue: d.nextReportDue,
          noChange: d.noChange,
        },
      },
    }),
  'analysis.sitrepDrafted': (s, d, m) =>
    withCkl(s, {
      sitreps: put(
        s.ckl.sitreps,
        d.sitrepId,
        {
          ...sitrepContent(d),
          status: 'draft',
          draftedAt: m.at,
          draftedBy: m.actor,
          ...aud(m),
        },
        sitrepDone,
      ),
    }),
  'analysis.sitrepReturned': (s, d, m) => {
    const sitreps = patch(s.ckl.sitreps, d.sitrepId, (r) => ({
      ...r,
      status: 'returned' as const,
      returned: { at: m.at, by: m.actor, comment: d.comment },
    }));
    return sitreps ? withCkl(s, { sitreps }) : s;
  },
  'analysis.sitrepApproved': (s, d, m) => {
    // Every earlier version of the series, approved or not, is superseded by this one.
    const sitreps: Record<string, SituationReportVersion> = {};
    for (const [id, r] of Object.entries(s.ckl.sitreps))
      setEntry(
        sitreps,
        id,
        r.series === d.series && r.version < d.version && r.status !== 'superseded'
          ? { ...r, status: 'superseded' }
          : r,
      );
    const approved: SituationReportVersion = {
      ...sitrepContent(d),
      status: 'approved' as const,
      draftedAt: d.draftedAt,
      draftedBy: d.draftedBy,
      approvedAt: m.at,
      approvedBy: m.actor,
      sentTo: d.sentTo,
    };
    return withCkl(s, { sitreps: put(sitreps, d.sitrepId, approved, sitrepDone) });
  },
  'analysis.consequencesRecorded': (s, d, m) =>
    withCkl(s, {
      analyses: put(
        s.ckl.analyses,
        d.analysisId,
        {
          id: d.analysisId,
          eventId: d.eventId,
          title: d.title,
          consequences: d.consequences,
          horizon: d.horizon,
          options: d.options,
          recommendedOptionId: d.recommendedOptionId,
          at: m.at,
          by: m.actor,
        },
        (a) => a.decision !== undefined,
      ),
    }),

  'information.messageDrafted': (s, d, m) =>
    withCkl(s, {
      messages: put(
        s.ckl.messages,
        d.messageId,
        {
          ...messageContent(d),
          status: 'draft',
          draftedAt: m.at,
          draftedBy: m.actor,
          ...aud(m),
        },
        messageDone,
      ),
    }),
  'information.messageReturned': (s, d, m) => {
    const messages = patch(s.ckl.messages, d.messageId, (x) => ({
      ...x,
      status: 'returned' as const,
      returned: { at: m.at, by: m.actor, reason: d.reason },
    }));
    return messages ? withCkl(s, { messages }) : s;
  },
  'information.messageApproved': (s, d, m) => {
    const messages = patch(s.ckl.messages, d.messageId, (x) => ({
      ...x,
      status: 'approved' as const,
      approvedAt: m.at,
      approvedBy: m.actor,
    }));
    return messages ? withCkl(s, { messages }) : s;
  },
  'information.messagePublished': (s, d, m) => {
    const msg: InfoMessage = {
      ...messageContent(d),
      status: 'published',
      draftedAt: d.draftedAt,
      draftedBy: d.draftedBy,
      approvedAt: d.approvedAt,
      approvedBy: d.approvedBy,
      publishedAt: m.at,
      publishedBy: m.actor,
    };
    return withCkl(s, { messages: put(s.ckl.messages, d.messageId, msg, messageDone) });
  },
  'information.messageWithdrawn': (s, d, m) => {
    const messages = patch(s.ckl.messages, d.messageId, (x) => ({
      ...x,
      status: 'withdrawn' as const,
      withdrawn: { at: m.at, by: m.actor, reason: d.reason },
    }));
    return messages ? withCkl(s, { messages }) : s;
  },
  'information.pressConferenceScheduled': (s, d) =>
    withCkl(s, {
      pressConferences: put(
        s.ckl.pressConferences,
        d.pressId,
        {
          id: d.pressId,
          eventId: d.eventId,
          at: d.at,
          place: d.place,
          topic: d.topic,
          spokespersons: d.spokespersons,
          status: 'scheduled',
        },
        (p) => p.status !== 'scheduled',
      ),
    }),
  'information.pressConferenceRecorded': (s, d) => {
    const pressConferences = patch(s.ckl.pressConferences, d.pressId, (p) => ({
      ...p,
      status: d.status,
      notes: d.notes,
    }));
    return pressConferences ? withCkl(s, { pressConferences }) : s;
  },
  'information.mediaLogged': (s, d, m) =>
    withCkl(s, {
      media: tail(s.ckl.media, {
        id: d.noteId,
        eventId: d.eventId,
        source: d.source,
        summary: d.summary,
        tone: d.tone,
        actionNeeded: d.actionNeeded,
        at: m.at,
        by: m.actor,
      }),
    }),

  // The roster's shifts are the duty schedule's (R250): one source for every screen.
  'administration.shiftAdded': (s, d) => ({
    ...s,
    alarm: {
      ...s.alarm,
      duty: {
        ...s.alarm.duty,
        [d.shiftId]: {
          id: d.shiftId,
          duty: postDuty(d.post),
          personName: d.person,
          ...(d.userId ? { userId: d.userId } : {}),
          ...(d.contactId ? { contactId: d.contactId } : {}),
          from: d.from,
          to: d.to,
        },
      },
    },
  }),
  'administration.shiftCancelled': (s, d) => {
    if (!lookup(s.alarm.duty, d.shiftId)) return s;
    const duty = { ...s.alarm.duty };
    delete duty[d.shiftId];
    return { ...s, alarm: { ...s.alarm, duty } };
  },
  'administration.costRecorded': (s, d, m) => {
    const cur = lookup(s.ckl.costs, d.eventId) ?? {
      eventId: d.eventId,
      damageOre: 0,
      responseOre: 0,
      entries: [],
    };
    const entry = {
      id: d.costId,
      eventId: d.eventId,
      category: d.category,
      kind: d.kind,
      amountOre: d.amountOre,
      description: d.description,
      at: m.at,
      by: m.actor,
    };
    return withCkl(s, {
      costs: {
        ...s.ckl.costs,
        [d.eventId]: {
          ...cur,
          damageOre: cur.damageOre + (d.category === 'damage' ? d.amountOre : 0),
          responseOre: cur.responseOre + (d.category === 'response' ? d.amountOre : 0),
          entries: tail(cur.entries, entry, CKL_COST_ENTRIES_PER_EVENT),
        },
      },
    });
  },
  'administration.costVoided': (s, d, m) => {
    const cur = lookup(s.ckl.costs, d.eventId);
    if (!cur) return s;
    return withCkl(s, {
      costs: {
        ...s.ckl.costs,
        [d.eventId]: {
          ...cur,
          damageOre: cur.damageOre - (d.category === 'damage' ? d.amountOre : 0),
          responseOre: cur.responseOre - (d.category === 'response' ? d.amountOre : 0),
          entries: cur.entries.map((e) =>
            e.id === d.costId ? { ...e, voided: { at: m.at, reason: d.reason } } : e,
          ),
        },
      },
    });
  },
  'administration.staffSupportRequested': (s, d, m) =>
    withCkl(s, {
      staffSupport: put(
        s.ckl.staffSupport,
        d.requestId,
        {
          id: d.requestId,
          person: d.person,
          need: d.need,
          urgent: d.urgent,
          at: m.at,
          by: m.actor,
          status: 'open',
          ...aud(m),
        },
        (r) => r.status === 'closed',
      ),
    }),
  'administration.staffSupportHandled': (s, d, m) => {
    const staffSupport = patch(s.ckl.staffSupport, d.requestId, (r) => ({
      ...r,
      status: d.status,
      note: d.note,
      handledAt: m.at,
    }));
    return staffSupport ? withCkl(s, { staffSupport }) : s;
  },
  'administration.staffSiteSet': (s, d, m) =>
    withCkl(s, { staffSite: { site: d.site, since: m.at, note: d.note } }),
  'administration.movementRecorded': (s, d, m) => {
    const key = personKey(d.person, d.userId);
    const presence = { ...s.ckl.presence };
    if (d.direction === 'in')
      setEntry(presence, key, { person: d.person, userId: d.userId, site: d.site, since: m.at });
    else delete presence[key];
    return withCkl(s, {
      presence,
      movements: tail(s.ckl.movements, {
        id: d.movementId,
        person: d.person,
        userId: d.userId,
        site: d.site,
        direction: d.direction,
        at: m.at,
        by: m.actor,
      }),
    });
  },
  'administration.supplyRecorded': (s, d, m) =>
    withCkl(s, {
      supplies: {
        ...s.ckl.supplies,
        [d.itemId]: {
          id: d.itemId,
          name: d.name,
          category: d.category,
          quantity: d.quantity,
          unit: d.unit,
          site: d.site,
          minimum: d.minimum,
          updatedAt: m.at,
          updatedBy: m.actor,
        },
      },
    }),
};

/** One person is in one place at a time: keyed by account when known, else by name. */
export const personKey = (person: string, userId?: string): string =>
  userId ? `u:${userId}` : `n:${person.trim().toLowerCase()}`;
