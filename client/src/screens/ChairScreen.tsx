import { MyCards } from '../components/CardPanel';
import { useId, useState, type FormEvent } from 'react';
import type { ExtraordinaryProposal } from '../../../shared/domain/state';
import { pendingProposals, unreportedUrgentDecisions } from '../../../shared/views';
import { AckLine } from '../components/AckLine';
import { Field, LevelTag } from '../components/bits';
import { DecisionList } from '../components/EventPage';
import { EventList } from '../components/EventList';
import { DistrictList } from '../components/DistrictPanel';
import { useCityState, useMay } from '../hooks';
import { dayTime } from '../format';
import { useUi } from '../store/ui';
import { useConsole } from '../store/console';
import { ScreenLayout, SidePanel, type ScreenProps } from './common';
import { ApprovedSitreps } from './ckl/Sitrep';
import { lookup } from '../../../shared/domain/keyed';
import { TextField } from '../components/kit';
import { useSubmitOnce } from '../submitOnce';
import { Check } from '../components/adminKit';

/** A decision's last step: take it, or go back without taking it. */
function StepActions({
  label,
  className,
  disabled,
  onCancel,
}: {
  label: string;
  className: string;
  disabled?: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="actions">
      <button type="submit" className={className} disabled={disabled}>
        {label}
      </button>
      <button type="button" className="btn-quiet" onClick={onCancel}>
        Avbryt
      </button>
    </div>
  );
}

const SAMPLE = { basis: '–', informed: [] };

/**
 * The director's proposal with its basis, and the chair's deliberate two-step decision:
 * first open the decision, then tick that the basis was read and confirm.
 */
export function ProposalCard({ p }: { p: ExtraordinaryProposal }) {
  const uid = useId();
  const state = useCityState();
  const e = lookup(state.events, p.eventId);
  const mayDeclare = useMay('event.declareExtraordinary', {
    proposalId: p.id,
    confirm: true,
    decision: SAMPLE,
  });
  const mayReject = useMay('event.rejectProposal', { proposalId: p.id, reason: '–' });
  const [step, setStep] = useState<'idle' | 'confirm' | 'reject'>('idle');
  const [read, setRead] = useState(false);
  const [basis, setBasis] = useState(p.basis);
  const [informed, setInformed] = useState('Kommunstyrelsens presidium, Stadsdirektören');
  const [reason, setReason] = useState('');
  const { submit: send, ack } = useSubmitOnce(`proposal:${p.id}`);
  const declare = (ev: FormEvent) => {
    ev.preventDefault();
    if (!read) return;
    send('event.declareExtraordinary', {
      proposalId: p.id,
      confirm: true,
      decision: {
        basis,
        informed: informed
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      },
    });
  };
  return (
    <article className="proposal" aria-labelledby={`${uid}-h`} data-testid="proposal">
      <h3 id={`${uid}-h`}>Förslag: {e?.title ?? p.eventId} är en extraordinär händelse</h3>
      <p className="muted">
        Från {p.proposedBy.name}, {dayTime(p.at)}. Nuvarande nivå:{' '}
        {e ? <LevelTag level={e.level} /> : '–'}
      </p>
      <p className="basis">
        <strong>Underlag:</strong> {p.basis}
      </p>
      {step === 'idle' && (mayDeclare || mayReject) && (
        <div className="actions">
          {mayDeclare && (
            <button type="button" className="btn-danger" onClick={() => setStep('confirm')}>
              Besluta extraordinär händelse…
            </button>
          )}
          {mayReject && (
            <button type="button" className="btn-quiet" onClick={() => setStep('reject')}>
              Avslå förslaget…
            </button>
          )}
        </div>
      )}
      {step === 'confirm' && (
        <form className="confirm-box" onSubmit={declare} aria-label="Bekräfta beslutet">
          <p>
            <strong>Steg 2 av 2.</strong> Beslutet gör händelsen extraordinär, sätter
            krisledningsnämnden i funktion och aktiverar CKL i sin helhet.
          </p>
          <TextField label="Beslutsunderlag" rows={3} required value={basis} onChange={setBasis} />
          <TextField label="Informerade (kommaseparerat)" value={informed} onChange={setInformed} />
          <Check checked={read} onChange={setRead}>
            Jag har tagit del av underlaget och beslutar att händelsen är extraordinär.
          </Check>
          <AckLine ack={ack} okText="Beslutet är fattat och registrerat." />
          <StepActions
            label="Bekräfta beslut: extraordinär händelse"
            className="btn-danger"
            disabled={!read}
            onCancel={() => setStep('idle')}
          />
        </form>
      )}
      {step === 'reject' && (
        <form
          className="confirm-box"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (reason.trim()) send('event.rejectProposal', { proposalId: p.id, reason });
          }}
        >
          <TextField label="Motivering" rows={2} required value={reason} onChange={setReason} />
          <AckLine ack={ack} />
          <StepActions
            label="Avslå förslaget"
            className="btn-secondary"
            onCancel={() => setStep('idle')}
          />
        </form>
      )}
    </article>
  );
}

function UrgentDecision() {
  const uid = useId();
  const state = useCityState();
  const may = useMay('board.urgentDecision', { decision: { ...SAMPLE, what: '–' } });
  const [what, setWhat] = useState('');
  const [basis, setBasis] = useState('');
  const [eventId, setEventId] = useState('');
  const { submit: send, ack } = useSubmitOnce('urgent', {
    onSaved: () => {
      setWhat('');
      setBasis('');
      setEventId('');
    },
  });
  if (!may || !state.boardInFunction) return null;
  const open = Object.values(state.events).filter((e) => e.status === 'open');
  return (
    <details className="action">
      <summary>Brådskande beslut på nämndens vägnar</summary>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          send('board.urgentDecision', {
            ...(eventId ? { eventId } : {}),
            decision: { what, basis, informed: [] },
          });
        }}
      >
        <Field label="Händelse" id={`${uid}-e`}>
          <select id={`${uid}-e`} value={eventId} onChange={(e) => setEventId(e.target.value)}>
            <option value="">(ingen särskild)</option>
            {open.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </Field>
        <TextField label="Beslut" rows={2} required value={what} onChange={setWhat} />
        <TextField label="Beslutsunderlag" rows={2} required value={basis} onChange={setBasis} />
        <AckLine ack={ack} />
        <button type="submit" className="btn-primary">
          Fatta brådskande beslut
        </button>
      </form>
    </details>
  );
}

function ReportToBoard({ decisionId }: { decisionId: string }) {
  const [ref, setRef] = useState('');
  const { submit: send, ack } = useSubmitOnce(`board-report:${decisionId}`);
  const may = useMay('board.reportUrgentDecision', { decisionId, reference: '–' });
  if (!may) return null;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ref.trim()) send('board.reportUrgentDecision', { decisionId, reference: ref });
      }}
    >
      <TextField label="Anmält vid (sammanträde/diarienr)" value={ref} required onChange={setRef} />
      <button type="submit" className="btn-secondary">
        Markera som anmält
      </button>
      <AckLine ack={ack} />
    </form>
  );
}

/** A decided proposal leaves the list; the answer to the chair's decision stays in its place. */
function ResolvedAcks() {
  const state = useCityState();
  const acks = useConsole((s) => s.acks);
  const done = Object.values(state.proposals).filter(
    (p) => p.status !== 'pending' && lookup(acks, `proposal:${p.id}`),
  );
  return (
    <>
      {done.map((p) => (
        <AckLine
          key={p.id}
          ack={lookup(acks, `proposal:${p.id}`)}
          okText={`Beslutet om ${lookup(state.events, p.eventId)?.title ?? 'händelsen'} är registrerat.`}
        />
      ))}
    </>
  );
}

/** The chair: calm overview, proposals to decide, urgent decisions and what the board has yet to hear. */
export function ChairScreen({ map }: ScreenProps) {
  const state = useCityState();
  const proposals = pendingProposals(state);
  const unreported = unreportedUrgentDecisions(state);
  const selectEvent = useUi((u) => u.selectEvent);
  const left = (
    <>
      <MyCards />
      <section className="card" aria-labelledby="prop-h">
        <h2 id="prop-h">Förslag att besluta ({proposals.length})</h2>
        <ResolvedAcks />
        {proposals.length === 0 ? (
          <p className="muted">Inga förslag väntar på beslut.</p>
        ) : (
          proposals.map((p) => <ProposalCard key={p.id} p={p} />)
        )}
      </section>
      <EventList />
      <ApprovedSitreps limit={2} />
      <section className="card" aria-labelledby="urgent-h">
        <h2 id="urgent-h">Brådskande beslut</h2>
        <UrgentDecision />
        <h3>Ej anmälda till nämnden ({unreported.length})</h3>
        {unreported.length === 0 ? (
          <p className="muted">Alla brådskande beslut är anmälda.</p>
        ) : (
          <ul className="plain">
            {unreported.map((d) => (
              <li key={d.id}>
                <strong>{dayTime(d.at)}</strong> {d.what}
                {d.eventId && (
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => selectEvent(d.eventId ?? null)}
                  >
                    Visa händelsen
                  </button>
                )}
                <ReportToBoard decisionId={d.id} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="declog-h">
        <h2 id="declog-h">Beslutslogg</h2>
        <DecisionList limit={15} />
      </section>
      <DistrictList />
    </>
  );
  return (
    <ScreenLayout
      label="Krisledningsnämndens ordförande"
      map={map}
      left={left}
      right={<SidePanel defaultToTopEvent />}
    />
  );
}
