/**
 * The duty to inform, in the console (R210–R212): the signed-in person's unread notices with a
 * "read" receipt, reminded when unread past the set time; and, under each decision, who was
 * told and when they read it.
 */
import { hhmm } from '../../format';
import './lifecycle.css';
import { useState } from 'react';
import { useCityState, useNow, usePhoneWidth } from '../../hooks';
import { plural } from '../../../../shared/text/plural';
import { useConsole } from '../../store/console';
import { useSubmitOnce } from '../../submitOnce';
import { AckLine } from '../AckLine';
import { noticeOfDecision, unreadNoticesFor } from '../../../../shared/views/lifecycle';
import type { Notice, NoticeRecipient, NoticeSend } from '../../../../shared/domain/lifecycle';
import { CHANNEL_LABEL } from '../../../../shared/domain/alarm';

/** One hand-over as it happened: "SMS 18:01", "E-post via utkorgen 18:01", "SMS misslyckades". */
function sendText(x: NoticeSend): string {
  if (x.channel === 'console')
    return x.ok ? `i konsolen ${hhmm(x.at)}` : 'ej nådd (ingen kontaktuppgift)';
  const name = CHANNEL_LABEL[x.channel];
  if (!x.ok) return `${name} misslyckades`;
  // Said as it happened (R163): the outbox standing in did not send it.
  if (x.via === 'outbox') return `${name} inte skickat – i utkorgen ${hhmm(x.at)}`;
  return `${name} ${hhmm(x.at)}`;
}

/** R211, R271–R273: read or not, how it reached them, and the reminder. */
export function receiptText(r: NoticeRecipient): string {
  const read = r.readAt
    ? `läst ${hhmm(r.readAt)}${r.via === 'link' ? ' via länken' : ''}`
    : 'oläst';
  const first = (r.sends ?? []).filter((x) => x.n === 1).map(sendText);
  const extra = [
    ...(first.length > 0 ? [first.join(', ')] : []),
    ...(r.remindedAt ? [`påmind ${hhmm(r.remindedAt)}`] : []),
  ];
  return extra.length > 0 ? `${read} (${extra.join('; ')})` : read;
}

function NoticeLine({ n, reminder }: { n: Notice; reminder: boolean }) {
  const { submit, ack, busy } = useSubmitOnce(`notice:${n.id}`);
  return (
    <li className={reminder ? 'notice-line notice-reminder' : 'notice-line'}>
      <span>
        <strong>{reminder ? 'Påminnelse – oläst underrättelse: ' : 'Underrättelse: '}</strong>
        {n.text} <span className="muted">(skickad {hhmm(n.at)})</span>
      </span>
      <button
        type="button"
        className="btn-secondary"
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={() => submit('notice.markRead', { noticeId: n.id })}
      >
        Jag har läst
      </button>
      <AckLine ack={ack} okText="Kvitterad som läst." />
    </li>
  );
}

export function MyNotices() {
  const state = useCityState();
  const me = useConsole((s) => s.me);
  const now = useNow(30_000);
  // On a phone the unread notices would fill the screen above the map: the first is shown and
  // the rest are a tap away, counted, so none is hidden without saying so.
  const phone = usePhoneWidth();
  const [all, setAll] = useState(false);
  if (!me) return null;
  const list = unreadNoticesFor(state, me.userId, now);
  if (list.length === 0) return null;
  const shown = phone && !all ? list.slice(0, 1) : list;
  const more = list.length - shown.length;
  return (
    <section
      className="notices"
      role="region"
      aria-label="Underrättelser om beslut"
      data-testid="my-notices"
    >
      <ul className="plain">
        {shown.map(({ notice, reminder }) => (
          <NoticeLine key={notice.id} n={notice} reminder={reminder} />
        ))}
      </ul>
      {phone && list.length > 1 && (
        <button
          type="button"
          className="btn-secondary notices-more"
          aria-expanded={all}
          data-testid="notices-more"
          onClick={() => setAll(!all)}
        >
          {all
            ? 'Visa bara den första'
            : `Visa ${plural(more, 'oläst underrättelse till', 'olästa underrättelser till')}`}
        </button>
      )}
    </section>
  );
}

/** "Informerade: Karin Ekholm läst 18:03 (SMS 18:01), Jonas Berg oläst" under a decision (R211). */
export function NoticeReceipts({ decisionId }: { decisionId: string }) {
  const state = useCityState();
  const n = noticeOfDecision(state, decisionId);
  if (!n) return null;
  return (
    <span className="receipts" data-testid={`receipts-${decisionId}`}>
      {' '}
      Informerade:{' '}
      {n.recipients.map((r, i) => (
        <span key={r.userId}>
          {i > 0 ? ', ' : ''}
          {r.name} {receiptText(r)}
        </span>
      ))}
      .
    </span>
  );
}
