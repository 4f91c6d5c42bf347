/**
 * The information function: messages to staff, the public and media drafted, approved by the
 * person entitled and then marked published (one voice); press conferences; media monitoring.
 * A published public message can be downloaded as a CAP 1.2 alert.
 */
import { useCallback, useState, type ReactNode } from 'react';
import {
  CAP_SEVERITY,
  CAP_URGENCY,
  MEDIA_TONES,
  MEDIA_TONE_LABEL,
  MESSAGE_STATUS_LABEL,
  TARGET_GROUPS,
  TARGET_GROUP_LABEL,
  type InfoMessage,
  type MediaTone,
  type MessageStatus,
  type TargetGroup,
} from '../../../../shared/domain/ckl';
import { AckLine } from '../../components/AckLine';
import { useCityState, useMay } from '../../hooks';
import { useConsole } from '../../store/console';
import { dayTime } from '../../format';
import type { ScreenProps } from '../common';
import {
  Badge,
  Card,
  CklLayout,
  CmdButton,
  CmdForm,
  EventSelect,
  FunctionStatusLine,
  localIn,
  localToIso,
  SelectField,
  splitList,
  TextField,
  TimeField,
} from '../../components/kit';
import { FunctionTasks } from './Tasks';
import { Icon } from '../../components/Icon';
import { lookup } from '../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../submitOnce';
import { ApproveBox } from './ApproveBox';
import { CommandForm } from '../../components/CommandForm';
import { CheckField, ListField } from '../../components/formRows';

const MSG_SYMBOL: Record<MessageStatus, ReactNode> = {
  draft: '✎',
  returned: <Icon name="undo" />,
  approved: '✓',
  published: <Icon name="megaphone" />,
  withdrawn: '⊘',
};

export function MessageStatusTag({ status }: { status: MessageStatus }) {
  return (
    <Badge kind={`msg-${status}`}>
      <span aria-hidden="true">{MSG_SYMBOL[status]}</span> {MESSAGE_STATUS_LABEL[status]}
    </Badge>
  );
}

/** Approve or return, for whoever the shared policy lets (R31: never the drafter). */
function ApproveMessage({ m }: { m: InfoMessage }) {
  const may = useMay('information.approveMessage', { messageId: m.id });
  const { submit: send, ack } = useSubmitOnce(`msg-approve:${m.id}`);
  return (
    <ApproveBox
      shown={may && m.status === 'draft'}
      approveLabel="Godkänn meddelandet"
      returnLabel="Återremittera meddelandet"
      onApprove={() => send('information.approveMessage', { messageId: m.id })}
      onReturn={(reason) => send('information.returnMessage', { messageId: m.id, reason })}
      ack={ack}
    />
  );
}

function ReviseMessage({ m }: { m: InfoMessage }) {
  const [headline, setHeadline] = useState(m.headline);
  const [body, setBody] = useState(m.body);
  const [instruction, setInstruction] = useState(m.instruction);
  const may = useMay('information.reviseMessage', { messageId: m.id, headline: '–' });
  if (!may || (m.status !== 'draft' && m.status !== 'returned' && m.status !== 'approved'))
    return null;
  return (
    <CmdForm
      origin={`msg-revise:${m.id}`}
      title="Ändra (ny version, nytt godkännande)"
      submitLabel="Spara ny version"
      onSubmit={() => ({
        type: 'information.reviseMessage',
        payload: { messageId: m.id, headline, body, instruction },
      })}
    >
      <TextField label="Rubrik" value={headline} onChange={setHeadline} required />
      <TextField label="Meddelande" value={body} onChange={setBody} rows={3} required />
      <TextField label="Uppmaning" value={instruction} onChange={setInstruction} rows={2} />
    </CmdForm>
  );
}

/** One message with its status, the approval controls and the information function's actions. */
export function MessageCard({
  m,
  approvalOnly = false,
}: {
  m: InfoMessage;
  approvalOnly?: boolean;
}) {
  const state = useCityState();
  const space = useConsole((s) => s.currentSpace);
  const mayAct = useMay('information.publishMessage', { messageId: m.id });
  const mayApprove = useMay('information.approveMessage', { messageId: m.id });
  const mayPublish = mayAct && !approvalOnly;
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useSubmitOnce(`msg-withdraw:${m.id}`);
  const areas = m.areaDistrictIds.map((id) => lookup(state.districts, id)?.name ?? id).join(', ');
  return (
    <article className="item" data-testid="message" aria-label={`Meddelande ${m.headline}`}>
      <h3>{m.headline}</h3>
      <p className="item-meta">
        <MessageStatusTag status={m.status} /> Till: {TARGET_GROUP_LABEL[m.targetGroup]} · v
        {m.version} · skrivet {dayTime(m.draftedAt)} av {m.draftedBy.name}
        {m.approvedBy && ` · godkänt av ${m.approvedBy.name}`}
        {m.publishedAt && ` · publicerat ${dayTime(m.publishedAt)}`}
      </p>
      <p className="basis">{m.body}</p>
      {m.instruction && (
        <p>
          <strong>Uppmaning:</strong> {m.instruction}
        </p>
      )}
      <p className="muted small">
        {m.channels.length ? `Kanaler: ${m.channels.join(', ')}` : 'Inga kanaler angivna'}
        {areas ? ` · Område: ${areas}` : ''}
        {m.targetGroup === 'public' ? ` · CAP: ${m.cap.severity}, ${m.cap.urgency}` : ''}
      </p>
      {m.returned && m.status === 'returned' && (
        <p className="notice">
          <Icon name="undo" /> Återremitterat av {m.returned.by.name}: {m.returned.reason}
        </p>
      )}
      {m.withdrawn && (
        <p className="notice">
          <span aria-hidden="true">⊘</span> Återkallat: {m.withdrawn.reason}
        </p>
      )}
      {m.status === 'draft' && !mayApprove && (
        <p className="notice">
          <Icon name="hourglass" />{' '}
          {m.targetGroup === 'staff'
            ? 'Väntar på godkännande av stabschefen, stadsdirektören eller en annan i informationsfunktionen.'
            : 'Väntar på godkännande av stabschefen eller stadsdirektören.'}
        </p>
      )}
      {m.status === 'approved' && mayPublish && (
        <p className="notice">
          <span aria-hidden="true">✓</span> Godkänt – publicera i kanalerna och markera sedan som
          publicerat.
        </p>
      )}
      <ApproveMessage m={m} />
      <div className="actions">
        {mayPublish && m.status === 'approved' && (
          <CmdButton
            origin={`msg-publish:${m.id}`}
            label="Markera som publicerat"
            type="information.publishMessage"
            payload={{ messageId: m.id }}
            className="btn-primary"
          />
        )}
        {m.status === 'published' && m.targetGroup === 'public' && (
          <a
            className="btn-secondary"
            href={`/api/cap/${encodeURIComponent(m.id)}?space=${encodeURIComponent(space)}`}
            download
          >
            Hämta som CAP 1.2 (XML)
          </a>
        )}
        {mayPublish && m.status !== 'withdrawn' && (
          <button type="button" className="btn-quiet" onClick={() => setWithdrawing((x) => !x)}>
            Återkalla…
          </button>
        )}
      </div>
      {withdrawing && (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            if (reason.trim())
              withdraw.submit('information.withdrawMessage', { messageId: m.id, reason });
          }}
        >
          <TextField label="Varför återkallas det?" value={reason} onChange={setReason} rows={2} />
          <button type="submit" className="btn-secondary">
            Återkalla meddelandet
          </button>
        </form>
      )}
      <AckLine ack={withdraw.ack} />
      {mayPublish && <ReviseMessage m={m} />}
    </article>
  );
}

function DraftMessage() {
  const [eventId, setEventId] = useState('');
  const [targetGroup, setTargetGroup] = useState<TargetGroup>('public');
  const [headline, setHeadline] = useState('');
  const [body, setBody] = useState('');
  const [instruction, setInstruction] = useState('');
  const [channels, setChannels] = useState('stockholm.se, Facebook, Krisinformation.se');
  const [severity, setSeverity] = useState<(typeof CAP_SEVERITY)[number]>('Moderate');
  const [urgency, setUrgency] = useState<(typeof CAP_URGENCY)[number]>('Expected');
  const reset = useCallback(() => {
    setHeadline('');
    setBody('');
    setInstruction('');
  }, []);
  return (
    <CmdForm
      origin="msg:new"
      title="Skriv nytt meddelande"
      submitLabel="Spara utkast för godkännande"
      okText="Utkastet väntar på godkännande."
      onSaved={reset}
      testId="draft-message"
      onSubmit={() =>
        headline.trim() && body.trim()
          ? {
              type: 'information.draftMessage',
              payload: {
                ...(eventId ? { eventId } : {}),
                targetGroup,
                headline,
                body,
                instruction,
                channels: splitList(channels),
                cap: { category: 'Safety', urgency, severity, certainty: 'Likely' },
              },
            }
          : null
      }
    >
      <div className="row2">
        <SelectField
          label="Målgrupp"
          value={targetGroup}
          onChange={setTargetGroup}
          options={TARGET_GROUPS.map((g) => [g, TARGET_GROUP_LABEL[g]] as const)}
        />
        <EventSelect fn="information" value={eventId} onChange={setEventId} optional />
      </div>
      <TextField label="Rubrik" value={headline} onChange={setHeadline} required />
      <TextField label="Meddelande" value={body} onChange={setBody} rows={4} required />
      <TextField
        label="Uppmaning till mottagaren"
        value={instruction}
        onChange={setInstruction}
        rows={2}
      />
      <ListField label="Kanaler" value={channels} onChange={setChannels} />
      {targetGroup === 'public' && (
        <div className="row2">
          <SelectField
            label="Allvarlighet (CAP)"
            value={severity}
            onChange={setSeverity}
            options={CAP_SEVERITY.map((x) => [x, x] as const)}
          />
          <SelectField
            label="Brådska (CAP)"
            value={urgency}
            onChange={setUrgency}
            options={CAP_URGENCY.map((x) => [x, x] as const)}
          />
        </div>
      )}
    </CmdForm>
  );
}

const ORDER: Record<MessageStatus, number> = {
  returned: 0,
  draft: 1,
  approved: 2,
  published: 3,
  withdrawn: 4,
};

function Messages() {
  const state = useCityState();
  const list = Object.values(state.ckl.messages).sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || b.draftedAt.localeCompare(a.draftedAt),
  );
  return (
    <Card title={`Meddelanden (${list.length})`} testId="messages">
      <DraftMessage />
      {list.length === 0 && <p className="muted">Inga meddelanden.</p>}
      {list.map((m) => (
        <MessageCard key={m.id} m={m} />
      ))}
    </Card>
  );
}

function PressConferences() {
  const state = useCityState();
  const [eventId, setEventId] = useState('');
  const [at, setAt] = useState(localIn(90));
  const [place, setPlace] = useState('Stadshuset, Rådssalen');
  const [topic, setTopic] = useState('');
  const [speakers, setSpeakers] = useState('');
  const may = useMay('information.schedulePressConference', {
    at: new Date().toISOString(),
    place: '–',
    topic: '–',
  });
  const list = Object.values(state.ckl.pressConferences).sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card title="Presskonferenser" testId="press">
      {may && (
        <CmdForm
          origin="press:new"
          title="Planera presskonferens"
          submitLabel="Planera"
          onSubmit={() => {
            const iso = localToIso(at);
            return iso && topic.trim()
              ? {
                  type: 'information.schedulePressConference',
                  payload: {
                    ...(eventId ? { eventId } : {}),
                    at: iso,
                    place,
                    topic,
                    spokespersons: splitList(speakers),
                  },
                }
              : null;
          }}
        >
          <EventSelect fn="information" value={eventId} onChange={setEventId} optional />
          <div className="row2">
            <TimeField label="Tid" value={at} onChange={setAt} required />
            <TextField label="Plats" value={place} onChange={setPlace} required />
          </div>
          <TextField label="Ämne" value={topic} onChange={setTopic} required />
          <ListField label="Talespersoner" value={speakers} onChange={setSpeakers} />
        </CmdForm>
      )}
      {list.length === 0 ? (
        <p className="muted">Ingen presskonferens planerad.</p>
      ) : (
        <ul className="plain">
          {list.map((p) => (
            <li key={p.id}>
              <strong>{dayTime(p.at)}</strong> {p.topic} <span className="muted">· {p.place}</span>{' '}
              <span className="tag">
                {p.status === 'scheduled'
                  ? 'Planerad'
                  : p.status === 'held'
                    ? 'Hållen'
                    : 'Inställd'}
              </span>
              {p.spokespersons.length > 0 && (
                <div className="muted small">Talespersoner: {p.spokespersons.join(', ')}</div>
              )}
              {p.notes && <div className="small">{p.notes}</div>}
              {may && p.status === 'scheduled' && (
                <div className="actions">
                  <CmdButton
                    origin={`press-held:${p.id}`}
                    label="Hållen"
                    type="information.recordPressConference"
                    payload={{ pressId: p.id, status: 'held', notes: '' }}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function MediaLog() {
  const state = useCityState();
  const [source, setSource] = useState('');
  const [summary, setSummary] = useState('');
  const [tone, setTone] = useState<MediaTone>('neutral');
  const [actionNeeded, setActionNeeded] = useState(false);
  const reset = useCallback(() => {
    setSource('');
    setSummary('');
    setActionNeeded(false);
  }, []);
  return (
    <Card title="Mediebevakning" testId="media">
      <CommandForm
        type="information.logMedia"
        probe={{ source: '–', summary: '–', tone: 'neutral' }}
        origin="media:new"
        title="Logga mediebevakning"
        submitLabel="Logga"
        onSaved={reset}
        send={() =>
          source.trim() && summary.trim() ? { source, summary, tone, actionNeeded } : null
        }
      >
        <TextField label="Källa" value={source} onChange={setSource} required />
        <TextField label="Vad sägs" value={summary} onChange={setSummary} rows={2} required />
        <SelectField
          label="Ton"
          value={tone}
          onChange={setTone}
          options={MEDIA_TONES.map((t) => [t, MEDIA_TONE_LABEL[t]] as const)}
        />
        <CheckField checked={actionNeeded} onChange={setActionNeeded}>
          Kräver åtgärd (t.ex. bemöta en felaktig uppgift)
        </CheckField>
      </CommandForm>
      {state.ckl.media.length === 0 ? (
        <p className="muted">Inget loggat.</p>
      ) : (
        <ul className="plain">
          {[...state.ckl.media].reverse().map((n) => (
            <li key={n.id}>
              <span className="history-time">{dayTime(n.at)}</span> <strong>{n.source}</strong>:{' '}
              {n.summary} <span className="tag">{MEDIA_TONE_LABEL[n.tone]}</span>
              {n.actionNeeded && (
                <strong className="overdue">
                  {' '}
                  <Icon name="warning" /> Kräver åtgärd
                </strong>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function InformationScreen(_props: ScreenProps) {
  return (
    <CklLayout
      label="Informationsfunktionen"
      head={<FunctionStatusLine fn="information" />}
      columns={[
        <Messages key="m" />,
        <>
          <FunctionTasks fn="information" />
          <PressConferences />
          <MediaLog />
        </>,
      ]}
    />
  );
}
