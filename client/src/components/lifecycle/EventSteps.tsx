/**
 * The decision steps on an event that need more than a basis: the chair's judgement (R200),
 * lowering with who proposed it (R201), central support with consultation and second hand
 * (R202, R203), deactivating CKL functions and closing the event (R11).
 */
import { useId, useState } from 'react';
import {
  CKL_FUNCTIONS,
  CKL_FUNCTION_LABEL,
  LEVELS,
  LEVEL_LABEL,
  ROLE_LABEL,
  levelRank,
  type CklFunction,
  type Level,
} from '../../../../shared/domain/vocabulary';
import type { CrisisEvent } from '../../../../shared/domain/state';
import { areaName } from '../../../../shared/views/lifecycle';
import { useCityState, useMay } from '../../hooks';
import { ActionForm } from '../ActionForm';
import { Field } from '../bits';

const SAMPLE = { basis: '–', informed: [] };

function FunctionChecks({
  options,
  value,
  onChange,
  legend,
}: {
  options: readonly CklFunction[];
  value: CklFunction[];
  onChange: (v: CklFunction[]) => void;
  legend: string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((f) => (
        <label key={f} className="check">
          <input
            type="checkbox"
            checked={value.includes(f)}
            onChange={(ev) =>
              onChange(ev.target.checked ? [...value, f] : value.filter((x) => x !== f))
            }
          />{' '}
          {CKL_FUNCTION_LABEL[f]}
        </label>
      ))}
    </fieldset>
  );
}

/** R200: the chair judges the event extraordinary, with or without the director's proposal. */
function JudgeExtraordinary({ e }: { e: CrisisEvent }) {
  const [read, setRead] = useState(false);
  const may = useMay('event.judgeExtraordinary', {
    eventId: e.id,
    confirm: true,
    decision: SAMPLE,
  });
  if (!may) return null;
  return (
    <ActionForm
      hidden={e.level === 'extraordinary'}
      origin={`judge:${e.id}`}
      title={
        e.pendingProposalId
          ? 'Bedöm händelsen som extraordinär (på stadsdirektörens förslag)'
          : 'Bedöm händelsen som extraordinär (utan förslag från stadsdirektören)'
      }
      submitLabel="Bekräfta beslut: extraordinär händelse"
      testId="judge-extraordinary"
      onSubmit={(decision) =>
        read
          ? {
              type: 'event.judgeExtraordinary',
              payload: { eventId: e.id, confirm: true, decision },
            }
          : null
      }
    >
      <p>
        Beslutet gör händelsen extraordinär, sätter krisledningsnämnden i funktion och aktiverar CKL
        i sin helhet.{' '}
        {e.pendingProposalId
          ? 'Beslutet registreras som fattat på stadsdirektörens förslag.'
          : 'Beslutet registreras som din egen bedömning, utan förslag.'}
      </p>
      <label className="check">
        <input type="checkbox" checked={read} onChange={(ev) => setRead(ev.target.checked)} /> Jag
        har tagit del av underlaget och bedömer att händelsen är extraordinär.
      </label>
    </ActionForm>
  );
}

/** R10, R201: lowering, with who proposed it (required from extraordinary). */
function LowerLevel({ e }: { e: CrisisEvent }) {
  const uid = useId();
  const state = useCityState();
  const below = LEVELS.filter((l) => levelRank(l) < levelRank(e.level));
  const [to, setTo] = useState<Level>(below.at(-1) ?? 'disruption');
  const [proposer, setProposer] = useState('own');
  const may = useMay('event.lowerLevel', {
    eventId: e.id,
    to: below.at(-1) ?? 'disruption',
    decision: SAMPLE,
    initiative: { kind: 'own' },
  });
  if (!may) return null;
  const proposers = Object.values(state.users).filter(
    (u) => u.active && ['director', 'security_chief', 'ckl_lead', 'chair'].includes(u.role),
  );
  return (
    <ActionForm
      hidden={below.length === 0}
      origin={`lower:${e.id}`}
      title="Sänk nivån"
      submitLabel="Besluta: sänk nivån"
      testId="lower-level"
      onSubmit={(decision) => ({
        type: 'event.lowerLevel',
        payload: {
          eventId: e.id,
          to: below.includes(to) ? to : (below.at(-1) ?? 'disruption'),
          decision,
          initiative: proposer === 'own' ? { kind: 'own' } : { kind: 'proposal', userId: proposer },
        },
      })}
    >
      <Field label="Ny nivå" id={`${uid}-to`}>
        <select id={`${uid}-to`} value={to} onChange={(ev) => setTo(ev.target.value as Level)}>
          {below.map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABEL[l]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Vem föreslog sänkningen?" id={`${uid}-by`}>
        <select id={`${uid}-by`} value={proposer} onChange={(ev) => setProposer(ev.target.value)}>
          <option value="own">Eget initiativ</option>
          {proposers.map((u) => (
            <option key={u.userId} value={u.userId}>
              {u.name} ({ROLE_LABEL[u.role].toLowerCase()})
            </option>
          ))}
        </select>
      </Field>
    </ActionForm>
  );
}

/** R202, R203: central support in consultation; the security chief only in second hand. */
function CentralSupport({ e }: { e: CrisisEvent }) {
  const uid = useId();
  const state = useCityState();
  const areas = [
    ...e.affectedDistrictIds.map((id) => areaName(state, { kind: 'district', id })),
    ...e.affectedUnitIds.map((id) => areaName(state, { kind: 'unit', id })),
  ];
  const [granted, setGranted] = useState(true);
  const [consulted, setConsulted] = useState<string[]>([]);
  const [others, setOthers] = useState('');
  const [unreachable, setUnreachable] = useState('');
  const [fns, setFns] = useState<CklFunction[]>([]);
  const base = { eventId: e.id, granted: true, decision: SAMPLE, consulted: ['–'] };
  const asDirector = useMay('event.decideCentralSupport', base);
  const asSecondHand = useMay('event.decideCentralSupport', {
    ...base,
    directorUnreachable: '–',
  });
  if (!asDirector && !asSecondHand) return null;
  const inactive = CKL_FUNCTIONS.filter((f) => !e.ckl[f]);
  const all = [
    ...consulted,
    ...others
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ];
  return (
    <ActionForm
      origin={`cs:${e.id}`}
      title={
        e.centralSupport.status === 'requested'
          ? 'Besluta om begärt centralt stöd'
          : 'Besluta om centralt stöd'
      }
      submitLabel="Besluta"
      testId="central-support"
      onSubmit={(decision) =>
        all.length
          ? {
              type: 'event.decideCentralSupport',
              payload: {
                eventId: e.id,
                granted,
                decision,
                consulted: all,
                ...(asDirector ? {} : { directorUnreachable: unreachable }),
                cklFunctions: granted ? fns : [],
              },
            }
          : null
      }
    >
      {!asDirector && (
        <>
          <p className="notice">
            Du beslutar i andra hand, eftersom stadsdirektören inte går att nå. Det gäller bara vid
            en störning.
          </p>
          <Field label="Varför nås inte stadsdirektören? (obligatoriskt)" id={`${uid}-why`}>
            <textarea
              id={`${uid}-why`}
              rows={2}
              required
              value={unreachable}
              onChange={(ev) => setUnreachable(ev.target.value)}
            />
          </Field>
        </>
      )}
      <fieldset>
        <legend>Samråd med berörda förvaltningar och bolag (minst en)</legend>
        {areas.map((a) => (
          <label key={a} className="check">
            <input
              type="checkbox"
              checked={consulted.includes(a)}
              onChange={(ev) =>
                setConsulted((cur) =>
                  ev.target.checked ? [...cur, a] : cur.filter((x) => x !== a),
                )
              }
            />{' '}
            {a}
          </label>
        ))}
        <Field label="Andra som hörts (kommaseparerat)" id={`${uid}-oth`}>
          <input id={`${uid}-oth`} value={others} onChange={(ev) => setOthers(ev.target.value)} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>Beslut</legend>
        <label className="check">
          <input
            type="radio"
            name={`${uid}-g`}
            checked={granted}
            onChange={() => setGranted(true)}
          />{' '}
          Bevilja
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${uid}-g`}
            checked={!granted}
            onChange={() => setGranted(false)}
          />{' '}
          Avslå
        </label>
      </fieldset>
      {granted && inactive.length > 0 && (
        <FunctionChecks
          legend={
            e.level === 'disruption'
              ? 'Aktivera del av CKL (händelsen förblir en störning)'
              : 'Aktivera del av CKL'
          }
          options={inactive}
          value={fns}
          onChange={setFns}
        />
      )}
    </ActionForm>
  );
}

/** R9: the director deactivates CKL functions (never partly at extraordinary level). */
function DeactivateCkl({ e }: { e: CrisisEvent }) {
  const active = CKL_FUNCTIONS.filter((f) => e.ckl[f]);
  const [fns, setFns] = useState<CklFunction[]>([]);
  const may = useMay('ckl.deactivate', {
    eventId: e.id,
    functions: ['analysis'],
    decision: SAMPLE,
  });
  if (!may) return null;
  return (
    <ActionForm
      hidden={active.length === 0 || e.level === 'extraordinary'}
      origin={`ckl-off:${e.id}`}
      title="Avaktivera CKL-funktioner"
      submitLabel="Besluta: avaktivera valda funktioner"
      testId="deactivate-ckl"
      onSubmit={(decision) =>
        fns.length
          ? { type: 'ckl.deactivate', payload: { eventId: e.id, functions: fns, decision } }
          : null
      }
    >
      <FunctionChecks
        legend="Aktiverade funktioner"
        options={active}
        value={fns}
        onChange={setFns}
      />
    </ActionForm>
  );
}

/** R11: closing the event; with CKL ever activated, it opens the evaluation. */
function CloseEvent({ e }: { e: CrisisEvent }) {
  const may = useMay('event.close', { eventId: e.id, decision: SAMPLE });
  if (!may) return null;
  return (
    <ActionForm
      origin={`close:${e.id}`}
      title="Avsluta händelsen"
      submitLabel="Besluta: avsluta händelsen"
      testId="close-event"
      onSubmit={(decision) => ({ type: 'event.close', payload: { eventId: e.id, decision } })}
    >
      <p>
        {e.cklEverActivated
          ? 'CKL har varit aktiverad: när händelsen avslutas öppnas en utvärdering som ska göras (fliken Utvärdering).'
          : 'Händelsen avslutas. CKL har inte varit aktiverad, så ingen central utvärdering krävs.'}
      </p>
    </ActionForm>
  );
}

/** Whether the signed-in person may take any of these steps (the block shows only then). */
export function useAnyEventStep(e: CrisisEvent): boolean {
  const id = e.id;
  const a = useMay('event.judgeExtraordinary', { eventId: id, confirm: true, decision: SAMPLE });
  const b = useMay('event.decideCentralSupport', {
    eventId: id,
    granted: true,
    decision: SAMPLE,
    consulted: ['–'],
  });
  const c = useMay('event.decideCentralSupport', {
    eventId: id,
    granted: true,
    decision: SAMPLE,
    consulted: ['–'],
    directorUnreachable: '–',
  });
  const d = useMay('ckl.deactivate', { eventId: id, functions: ['analysis'], decision: SAMPLE });
  const f = useMay('event.close', { eventId: id, decision: SAMPLE });
  const g = useMay('event.lowerLevel', {
    eventId: id,
    to: 'disruption',
    decision: SAMPLE,
    initiative: { kind: 'own' },
  });
  return a || b || c || d || f || g;
}

export function EventSteps({ e }: { e: CrisisEvent }) {
  if (e.status !== 'open') return null;
  return (
    <>
      <JudgeExtraordinary e={e} />
      <CentralSupport e={e} />
      <LowerLevel e={e} />
      <DeactivateCkl e={e} />
      <CloseEvent e={e} />
    </>
  );
}
