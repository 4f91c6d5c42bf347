/**
 * The one place that decides what is addressed to a person (R225): the server asks it whether
 * an acknowledgement may be recorded, every console asks it what to raise. Derived from the
 * state alone, so a reload, a second device or a console that was offline raises the same
 * items, and an item goes away once it is acknowledged or the matter is settled.
 */
import type { Actor } from '../domain/actor';
import type { CityState, CrisisEvent } from '../domain/state';
import {
  FUNCTION_ROLE,
  LEVEL_LABEL,
  levelRank,
  type CklFunction,
  type Role,
} from '../domain/vocabulary';
import { WAITING_STATES } from '../domain/alarm';
import { lookup } from '../domain/keyed';
import { tableGet, tableValues } from '../domain/table';
import { actsAs, isOfficerOfDistrict, isOfficerOfUnit } from '../policy/predicates';
import { allInstances, holdsCard, isOverdue } from '../cards';
import { touchesStockholmCounty, type WarningFeature } from '../warnings';
import { WARNING_LEVEL_LABEL, WARNING_SOURCE_LABEL } from '../warnings/model';
import type { AttentionAck, AttentionItem } from './model';

const CKL_FUNCTION_ROLES = new Set<Role>(Object.values(FUNCTION_ROLE));

const eventName = (e: CrisisEvent) => `”${e.title}”`;

/** Who hears of an open event's new level: the leadership, the observers, its own areas. */
function hearsOfLevel(a: Actor, s: CityState, now: string, e: CrisisEvent): boolean {
  if (actsAs(a, s, now, 'chair', 'director', 'security_chief', 'ckl_lead')) return true;
  // Kommunstyrelsens presidium is kept informed from serious level; every change touches it.
  if (a.role === 'observer') return true;
  if (CKL_FUNCTION_ROLES.has(a.role))
    return (
      e.level === 'extraordinary' ||
      Object.entries(e.ckl).some(([fn]) => FUNCTION_ROLE[fn as CklFunction] === a.role)
    );
  if (a.role === 'district_officer' && a.districtId)
    return (
      (e.owner.kind === 'district' && isOfficerOfDistrict(a, e.owner.id)) ||
      e.affectedDistrictIds.includes(a.districtId)
    );
  if (a.role === 'unit_officer' && a.unitId)
    return (
      (e.owner.kind === 'unit' && isOfficerOfUnit(a, e.owner.id)) ||
      e.affectedUnitIds.includes(a.unitId)
    );
  return false;
}

function levelItems(a: Actor, s: CityState, now: string): AttentionItem[] {
  const out: AttentionItem[] = [];
  for (const e of Object.values(s.events)) {
    if (e.status !== 'open' || e.levelHistory.length < 2) continue;
    const last = e.levelHistory[e.levelHistory.length - 1];
    const prev = e.levelHistory[e.levelHistory.length - 2];
    const d = last.decisionId ? lookup(s.decisions, last.decisionId) : undefined;
    if (!d || d.decidedBy.userId === a.userId || !hearsOfLevel(a, s, now, e)) continue;
    const raised = levelRank(last.level) > levelRank(prev.level);
    out.push({
      key: `level:${last.decisionId}`,
      kind: 'level',
      title: `${raised ? 'Höjd' : 'Sänkt'} nivå: ${LEVEL_LABEL[last.level]}`,
      detail: `${eventName(e)} är nu ${LEVEL_LABEL[last.level].toLowerCase()} (var ${LEVEL_LABEL[
        prev.level
      ].toLowerCase()}). Beslut: ${d.what}`,
      at: last.at,
      from: d.decidedBy.name,
      // A raise asks something of everyone who hears of it; a lowering is information.
      needsAck: raised,
      eventId: e.id,
    });
  }
  return out;
}

function proposalItems(a: Actor, s: CityState, now: string): AttentionItem[] {
  if (!actsAs(a, s, now, 'chair')) return [];
  return Object.values(s.proposals)
    .filter((p) => p.status === 'pending' && p.proposedBy.userId !== a.userId)
    .map((p) => {
      const e = lookup(s.events, p.eventId);
      return {
        key: `proposal:${p.id}`,
        kind: 'proposal' as const,
        title: 'Förslag: extraordinär händelse',
        detail: `${p.proposedBy.name} föreslår att ${e ? eventName(e) : 'händelsen'} bedöms som extraordinär. Underlag: ${p.basis}`,
        at: p.at,
        from: p.proposedBy.name,
        needsAck: true,
        eventId: p.eventId,
      };
    });
}

function areaName(s: CityState, e: CrisisEvent): string {
  if (e.owner.kind === 'district') return lookup(s.districts, e.owner.id)?.name ?? e.owner.id;
  if (e.owner.kind === 'unit') return e.owner.id;
  return 'Staden';
}

function supportItems(a: Actor, s: CityState, now: string): AttentionItem[] {
  if (!actsAs(a, s, now, 'director', 'security_chief')) return [];
  return Object.values(s.events)
    .filter((e) => e.status === 'open' && e.centralSupport.status === 'requested')
    .map((e) => ({
      key: supportKey(e),
      kind: 'support' as const,
      title: `Begäran om centralt stöd: ${areaName(s, e)}`,
      detail: `${eventName(e)}: ${e.centralSupport.reason ?? ''}`.trim(),
      at: e.centralSupport.requestedAt ?? e.updatedAt,
      from: areaName(s, e),
      needsAck: true,
      eventId: e.id,
    }));
}

/** The key of an event's current support request (a new request after a refusal is new). */
export const supportKey = (e: Pick<CrisisEvent, 'id' | 'centralSupport'>): string =>
  `support:${e.id}@${e.centralSupport.requestedAt ?? ''}`;

function taskItems(a: Actor, s: CityState): AttentionItem[] {
  return Object.values(s.tasks)
    .filter((t) => t.status === 'open' && t.createdBy.userId !== a.userId)
    .filter((t) =>
      t.assignee.kind === 'user'
        ? t.assignee.userId === a.userId
        : t.assignee.kind === 'district'
          ? isOfficerOfDistrict(a, t.assignee.districtId)
          : a.role === FUNCTION_ROLE[t.assignee.fn],
    )
    .map((t) => ({
      key: `task:${t.id}`,
      kind: 'task' as const,
      title: `Nytt uppdrag: ${t.title}`,
      detail: t.description || 'Uppdraget väntar på dig.',
      at: t.createdAt,
      from: t.createdBy.name,
      needsAck: true,
      ...(t.eventId ? { eventId: t.eventId } : {}),
    }));
}

function alarmItems(a: Actor, s: CityState): AttentionItem[] {
  const out: AttentionItem[] = [];
  for (const al of Object.values(s.alarm.alarms)) {
    if (al.status !== 'active') continue;
    for (const r of tableValues(al.recipients)) {
      if (tableGet(s.alarm.contacts, r.contactId)?.userId !== a.userId) continue;
      if (!WAITING_STATES.includes(r.state)) continue;
      const notified = Object.values(r.sends).some(
        (x) => x.channel === 'console' && x.status === 'sent',
      );
      if (!notified) continue;
      out.push({
        key: `alarm:${al.id}~${r.key}`,
        kind: 'alarm',
        title: `${al.exercise ? 'ÖVNING – ' : ''}Du är larmad: ${al.title}`,
        detail: 'Svara Kommer eller Kan inte komma i larmrutan.',
        at: al.startedAt,
        from: al.startedBy.name,
        needsAck: true,
        ...(al.eventId ? { eventId: al.eventId } : {}),
        alarm: { alarmId: al.id, recipientKey: r.key },
      });
    }
  }
  return out;
}

function cardItems(a: Actor, s: CityState, now: string): AttentionItem[] {
  const out: AttentionItem[] = [];
  for (const inst of allInstances(s)) {
    const e = inst.eventId ? lookup(s.events, inst.eventId) : undefined;
    if (e?.status === 'closed' || !holdsCard(a, s, now, inst)) continue;
    inst.steps.forEach((st, i) => {
      if (!isOverdue(st, now)) return;
      const step = inst.card.steps[i];
      out.push({
        key: `card:${inst.id}~${st.id}`,
        kind: 'card',
        title: `Försenat steg: ${step?.text ?? st.id}`,
        detail: `Åtgärdskortet ”${inst.card.title}”${e ? ` för ${eventName(e)}` : ''}: steget skulle vara klart och är inte avbockat.`,
        at: st.dueAt ?? inst.openedAt,
        needsAck: true,
        ...(inst.eventId ? { eventId: inst.eventId } : {}),
      });
    });
  }
  return out;
}

/** Everything in the space addressed to this person now, oldest first (acknowledged or not). */
export function attentionFor(s: CityState, a: Actor, now: string): AttentionItem[] {
  return [
    ...levelItems(a, s, now),
    ...proposalItems(a, s, now),
    ...supportItems(a, s, now),
    ...taskItems(a, s),
    ...alarmItems(a, s),
    ...cardItems(a, s, now),
  ].sort((x, y) => x.at.localeCompare(y.at) || x.key.localeCompare(y.key));
}

/** The acknowledgements of one item, oldest first. */
export const acksOf = (s: CityState, key: string): AttentionAck[] =>
  (s.attention ? tableGet(s.attention.acks, key) : undefined) ?? [];

export const acknowledgedBy = (s: CityState, key: string, userId: string): boolean =>
  acksOf(s, key).some((k) => k.by.userId === userId);

/** What still waits for this person's acknowledgement. */
export const awaitingAck = (s: CityState, a: Actor, now: string): AttentionItem[] =>
  attentionFor(s, a, now).filter((i) => i.needsAck && !acknowledgedBy(s, i.key, a.userId));

/**
 * A new official warning as an item, for the roles the administrator chose (R135); only one
 * touching Stockholm county. Information: nothing in the log waits for it.
 */
export function warningItem(
  f: WarningFeature,
  roles: readonly Role[],
  a: Pick<Actor, 'role' | 'actingFor'>,
  at: string,
): AttentionItem | null {
  const p = f.properties;
  if (!roles.includes(a.role) && !(a.actingFor && roles.includes(a.actingFor))) return null;
  if (!touchesStockholmCounty({ counties: p.counties, geometry: f.geometry })) return null;
  return {
    key: `warning:${f.id}`,
    kind: 'warning',
    // A Test or Exercise message says so wherever it is shown (R134).
    title: `${p.notReal ? `${p.notReal}: ` : ''}Ny varning för Stockholms län: ${WARNING_LEVEL_LABEL[p.level]}`,
    detail: `${WARNING_SOURCE_LABEL[p.source]}: ${p.headline}`,
    at,
    from: WARNING_SOURCE_LABEL[p.source],
    needsAck: false,
  };
}
