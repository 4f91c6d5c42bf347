/**
 * What the board screen reads from the shared state: the meeting at hand, the past ones, the
 * quorum in words and the matters a convened meeting may still take up (R191–R193, R197).
 */
import { RECIPIENT_STATE_LABEL } from '../../../../shared/domain/alarm';
import { tableValues } from '../../../../shared/domain/table';
import {
  hasQuorum,
  presentCount,
  quorumOf,
  type BoardMeeting,
  type BoardMember,
  type TakeoverScope,
} from '../../../../shared/domain/board';
import { unitById } from '../../../../shared/domain/units';
import type { CityState } from '../../../../shared/domain/state';
import { lookup, present } from '../../../../shared/domain/keyed';
import { unreportedUrgent } from '../../../../shared/commands/board/matters';

const meetings = (s: CityState): BoardMeeting[] =>
  s.board.meetingOrder.map((id) => lookup(s.board.meetings, id)).filter(present);

/** The meeting convened or in session (one at a time, R191). */
export const currentMeeting = (s: CityState): BoardMeeting | undefined =>
  meetings(s).find((m) => m.status === 'convened' || m.status === 'in_session');

/** Held and cancelled meetings, newest first. */
export const pastMeetings = (s: CityState): BoardMeeting[] =>
  meetings(s)
    .filter((m) => m.status !== 'convened' && m.status !== 'in_session')
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));

/** "Beslutsför: ja – 4 av 7 närvarande, minst 4" (R192). */
export function quorumText(m: BoardMeeting): string {
  return `Beslutsför: ${hasQuorum(m) ? 'ja' : 'nej'} – ${presentCount(m)} av ${m.memberCount} närvarande, minst ${quorumOf(m.memberCount)}`;
}

export type AddableMatter =
  | { kind: 'urgent_report' | 'takeover_end'; ref: string; title: string }
  | { kind: 'end_function'; title: string };

/** Matters that may be added to a meeting after its kallelse and are not on its agenda yet. */
export function addableMatters(s: CityState, m: BoardMeeting): AddableMatter[] {
  const open = (kind: string, ref?: string) =>
    m.agenda.some((i) => i.kind === kind && i.ref === ref && !i.outcome);
  const out: AddableMatter[] = [];
  for (const d of unreportedUrgent(s))
    if (!open('urgent_report', d.id))
      out.push({ kind: 'urgent_report', ref: d.id, title: `Anmälan: ${d.what}` });
  for (const id of s.board.takeoverOrder) {
    const t = lookup(s.board.takeovers, id);
    if (t && !t.endedAt && !open('takeover_end', t.id))
      out.push({
        kind: 'takeover_end',
        ref: t.id,
        title: `Avsluta övertagandet från ${t.scope.fromBoard}: ${t.scope.part}`,
      });
  }
  if (!open('end_function'))
    out.push({ kind: 'end_function', title: 'Nämndens verksamhet upphör' });
  return out;
}

/** The member's answer to the kallelse (the alarm's recipient for their directory entry, R191). */
export function kallelseAnswer(
  s: CityState,
  m: BoardMeeting,
  member: BoardMember,
): string | undefined {
  const alarm = m.kallelseAlarmId ? lookup(s.alarm.alarms, m.kallelseAlarmId) : undefined;
  if (!alarm || !member.contactId) return undefined;
  const r = tableValues(alarm.recipients).find((x) => x.contactId === member.contactId);
  if (!r) return undefined;
  const eta = r.state === 'acknowledged' && r.etaMinutes != null ? `, om ${r.etaMinutes} min` : '';
  return `Svar på kallelsen: ${RECIPIENT_STATE_LABEL[r.state].toLowerCase()}${eta}`;
}

/** "Farsta, Skarpnäck; Trafiknämnden": the districts, then the administrations a scope touches. */
export function scopeAreas(s: CityState, scope: TakeoverScope): string {
  const districts = scope.districtIds.map((id) => lookup(s.districts, id)?.name ?? id);
  const units = scope.unitIds.map((id) => unitById(id)?.name ?? id);
  return [districts.join(', '), units.join(', ')].filter(Boolean).join('; ');
}
