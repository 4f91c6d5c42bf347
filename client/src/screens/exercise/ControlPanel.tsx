/** The exercise leader's control panel: the script, each inject's status, pause, skip and end. */
import { useState } from 'react';
import { REAL_SPACE } from '../../../../shared/protocol';
import {
  wallMsUntil,
  type ExerciseControl,
  type InjectState,
} from '../../../../shared/domain/exercise';
import { INJECT_KIND_LABEL, injectTitle, msToClock } from '../../../../shared/exercise/scenario';
import { AckLine } from '../../components/AckLine';
import { DataTable } from '../../components/adminKit';
import { useCityState, useNow } from '../../hooks';
import { hhmm } from '../../format';
import { Icon } from '../../components/Icon';
import { lookup, present } from '../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../submitOnce';
import { AddInject } from './AddInject';
import { STATUS_ICON, STATUS_TEXT } from './labels';
import { useMayIn, useRealState } from './spaceHooks';

export function EndExercise({ exerciseId, name }: { exerciseId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const { submit: send, ack } = useSubmitOnce(`exercise-end:${exerciseId}`);
  return (
    <div className="end-exercise">
      {!confirming ? (
        <button type="button" className="btn-secondary" onClick={() => setConfirming(true)}>
          Avsluta övningen…
        </button>
      ) : (
        <>
          <p>Avsluta ”{name}”? Rummet stängs: det kan läsas, spelas upp och utvärderas.</p>
          <button
            type="button"
            className="btn-primary"
            onClick={() => {
              // Ending is a command of the real space (R64).
              send('exercise.end', { exerciseId }, REAL_SPACE);
              setConfirming(false);
            }}
          >
            Bekräfta: avsluta övningen
          </button>{' '}
          <button type="button" className="btn-quiet" onClick={() => setConfirming(false)}>
            Avbryt
          </button>
        </>
      )}
      <AckLine ack={ack} okText="Övningen är avslutad." />
    </div>
  );
}

function InjectRow({ st, c, may }: { st: InjectState; c: ExerciseControl; may: boolean }) {
  const state = useCityState();
  const now = useNow(1000);
  const { submit: send, ack } = useSubmitOnce(`inject:${st.inject.id}`);
  const due =
    st.status === 'pending' && c.status === 'running' ? wallMsUntil(c, st.atMs, now) : null;
  return (
    <tr className={`inject inject-${st.status}`} data-testid={`inject-${st.inject.id}`}>
      <td className="mono">{msToClock(st.atMs)}</td>
      <td>{INJECT_KIND_LABEL[st.inject.kind]}</td>
      <td>
        {injectTitle(st.inject, (d) => lookup(state.districts, d)?.name ?? d)}
        {st.live && <span className="muted"> · tillagd live av {st.addedBy?.name}</span>}
        {st.inject.note && <div className="inject-note">Ledarens notering: {st.inject.note}</div>}
        <AckLine ack={ack} okText="Överhoppad." />
      </td>
      <td>
        <span aria-hidden="true">{STATUS_ICON[st.status]}</span> {STATUS_TEXT[st.status]}
        {st.status === 'delivered' && ` ${hhmm(st.deliveredAt)}`}
        {due !== null && due > 0 && (
          <span className="muted"> · om {msToClock(Math.ceil(due / 1000) * 1000)}</span>
        )}
      </td>
      <td>
        {may && st.status === 'pending' && c.status !== 'ended' && (
          <button
            type="button"
            className="btn-quiet"
            onClick={() => send('exercise.skipInject', { injectId: st.inject.id })}
            aria-label={`Hoppa över ${injectTitle(st.inject)}`}
          >
            Hoppa över
          </button>
        )}
      </td>
    </tr>
  );
}

export function ControlPanel({ c }: { c: ExerciseControl }) {
  const state = useCityState();
  const mayPause = useMayIn(state, 'exercise.pause', {});
  const mayResume = useMayIn(state, 'exercise.resume', {});
  const maySkip = useMayIn(state, 'exercise.skipInject', { injectId: 'x' });
  const mayAdd = useMayIn(state, 'exercise.addInject', { inject: {} });
  const real = useRealState();
  const mayEnd = useMayIn(real, 'exercise.end', { exerciseId: c.exerciseId });
  const { submit: send, ack } = useSubmitOnce('exercise-pause');
  const injects = c.injectOrder.map((id) => lookup(c.injects, id)).filter(present);
  const counts = {
    pending: injects.filter((i) => i.status === 'pending').length,
    delivered: injects.filter((i) => i.status === 'delivered').length,
    skipped: injects.filter((i) => i.status === 'skipped').length,
  };
  return (
    <section className="card control-panel" aria-labelledby="ctl-h" data-testid="control-panel">
      <h2 id="ctl-h">Övningsledning</h2>
      <div className="control-actions">
        {c.status === 'running' && mayPause && (
          <button
            type="button"
            className="btn-secondary"
            onClick={() => send('exercise.pause', {})}
          >
            <span aria-hidden="true">‖</span> Pausa övningen
          </button>
        )}
        {c.status === 'paused' && mayResume && (
          <button type="button" className="btn-primary" onClick={() => send('exercise.resume', {})}>
            <Icon name="play" /> Återuppta övningen
          </button>
        )}
        {c.status !== 'ended' && mayEnd && <EndExercise exerciseId={c.exerciseId} name={c.name} />}
      </div>
      <AckLine ack={ack} />
      <h3>
        Manus{' '}
        <span className="muted">
          ({counts.delivered} spelade, {counts.pending} väntar, {counts.skipped} överhoppade) –
          visas bara för övningsledningen
        </span>
      </h3>
      <DataTable
        className="inject-table"
        data-testid="inject-table"
        caption="Övningens injects i spelordning"
        cols={['Tid', 'Typ', 'Inject', 'Status']}
        actions="Åtgärd"
        rows={injects}
        row={(st) => <InjectRow key={st.inject.id} st={st} c={c} may={maySkip} />}
        empty="Inga injects ännu."
      />
      {mayAdd && c.status !== 'ended' && <AddInject />}
    </section>
  );
}
