/**
 * A board meeting's protocol (krisledningsnämndens protokoll) as a printable page: who was
 * called and answered, who was present and how, the paragraphs, and the attestations (R197).
 */
import type { CityState } from '../../shared/domain/state';
import {
  ATTENDANCE_LABEL,
  BOARD_POSITION_LABEL,
  ITEM_OUTCOME_LABEL,
  MEETING_FORM_LABEL,
  MEETING_STATUS_LABEL,
  boardMembers,
  presentCount,
  quorumOf,
  type BoardMeeting,
} from '../../shared/domain/board';
import { RECIPIENT_STATE_LABEL } from '../../shared/domain/alarm';
import { EXERCISE_MARK, isExerciseSpace } from '../../shared/domain/exercise';
import { lookup } from '../../shared/domain/keyed';
import { tableValues } from '../../shared/domain/table';
import { esc, fmtClock, fmtTime, page, table } from './htmlKit';

export function renderProtocolHtml(
  s: CityState,
  m: BoardMeeting,
  opts: { cssHref?: string; generatedAt: string },
): string {
  const exercise = isExerciseSpace(s.space);
  const event = m.eventId ? lookup(s.events, m.eventId) : undefined;
  const members = boardMembers(s);
  const alarm = m.kallelseAlarmId ? lookup(s.alarm.alarms, m.kallelseAlarmId) : undefined;
  const answers = new Map(
    tableValues(alarm?.recipients ?? { buckets: {}, keys: [] }).map((r) => [r.contactId, r]),
  );
  const attester = m.attesterId ? lookup(s.board.members, m.attesterId) : undefined;
  const title = `Krisledningsnämndens protokoll ${m.startsAt.slice(0, 10)}`;
  const present = presentCount(m);
  const parts: string[] = [];
  parts.push(`<header class="doc-head">
<p class="kicker">Stockholms stad · Krisledningsnämnden${exercise ? ` · ${EXERCISE_MARK}` : ''}</p>
<h1>${esc(title)}</h1>
<dl class="facts">
<div><dt>Tid</dt><dd>${esc(fmtTime(m.openedAt ?? m.startsAt))}–${esc(fmtClock(m.closedAt))}</dd></div>
<div><dt>Plats</dt><dd>${esc(m.place)} (${esc(MEETING_FORM_LABEL[m.form].toLowerCase())})</dd></div>
${event ? `<div><dt>Händelse</dt><dd>${esc(event.title)}</dd></div>` : ''}
<div><dt>Status</dt><dd>${esc(MEETING_STATUS_LABEL[m.status])}</dd></div>
<div><dt>Beslutförhet</dt><dd>${present} av ${m.memberCount} närvarande, minst ${quorumOf(m.memberCount)} krävs</dd></div>
<div><dt>Ordförande</dt><dd>${esc(m.chairedBy?.name ?? '–')}</dd></div>
<div><dt>Justerare</dt><dd>${esc(attester?.name ?? '–')}</dd></div>
</dl>
</header>`);
  parts.push(
    `<section><h2>Närvaro</h2>${table(
      ['Ledamot', 'Uppdrag', 'Kallelse', 'Närvaro'],
      members.map((mem) => {
        const r = mem.contactId ? answers.get(mem.contactId) : undefined;
        const att = lookup(m.attendance, mem.id);
        return [
          esc(mem.name),
          esc(BOARD_POSITION_LABEL[mem.position]),
          esc(r ? RECIPIENT_STATE_LABEL[r.state] : 'Ej kallad i konsolen'),
          esc(att ? ATTENDANCE_LABEL[att.attendance] : 'Ej registrerad'),
        ];
      }),
    )}</section>`,
  );
  const done = m.agenda
    .filter((i) => i.outcome)
    .sort((a, b) => (a.outcome?.paragraph ?? 0) - (b.outcome?.paragraph ?? 0));
  const left = m.agenda.filter((i) => !i.outcome);
  parts.push(
    `<section><h2>Paragrafer</h2>${
      done.length === 0
        ? '<p class="empty">Inga ärenden behandlade.</p>'
        : done
            .map(
              (i) =>
                `<article class="paragraph"><h3>§ ${i.outcome?.paragraph} ${esc(i.title)}</h3><p><strong>${esc(
                  i.outcome ? ITEM_OUTCOME_LABEL[i.outcome.kind] : '',
                )}.</strong> ${esc(i.outcome?.text)}</p></article>`,
            )
            .join('')
    }${
      left.length ? `<p>Ej behandlade: ${left.map((i) => esc(i.title)).join('; ')}.</p>` : ''
    }</section>`,
  );
  parts.push(
    `<section><h2>Justering</h2>${table(
      ['Justerat av', 'Tid'],
      m.attestations.map((a) => [esc(a.name), esc(fmtTime(a.at))]),
    )}${m.status === 'attested' ? '' : '<p>Protokollet är inte justerat.</p>'}<p class="muted">Utskrivet ${esc(fmtTime(opts.generatedAt))}.</p></section>`,
  );
  return page(title, parts.join('\n'), { cssHref: opts.cssHref, exercise });
}
