/** A coordination conference under way: roll-call, minutes per agenda item, the joint direction. */
import { useCallback, useState } from 'react';
import {
  AGENDA_ITEMS,
  AGENDA_LABEL,
  PRESENCE,
  PRESENCE_LABEL,
  type AgendaItem,
  type Conference,
  type Presence,
} from '../../../../../shared/domain/ckl';
import { AckLine } from '../../../components/AckLine';
import { useCityState } from '../../../hooks';
import { CmdForm, SelectField, TextField } from '../../../components/kit';
import { lookup } from '../../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../../submitOnce';

export function RunningConference({ c }: { c: Conference }) {
  const state = useCityState();
  const actors = Object.values(state.ckl.actors)
    .filter((a) => a.active)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const [presence, setPresence] = useState<Record<string, Presence | ''>>({});
  const roll = useSubmitOnce(`roll:${c.id}`);
  const [item, setItem] = useState<AgendaItem>('situation');
  const [text, setText] = useState('');
  const [direction, setDirection] = useState('');
  const reset = useCallback(() => setText(''), []);
  return (
    <div className="conference-run">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const entries = Object.entries(presence).flatMap(([actorId, p]) =>
            p ? [{ actorId, presence: p }] : [],
          );
          if (entries.length) roll.submit('liaison.rollCall', { conferenceId: c.id, entries });
        }}
      >
        <fieldset>
          <legend>Upprop</legend>
          <table className="rollcall">
            <caption className="sr-only">Närvaro per aktör</caption>
            <tbody>
              {actors.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>
                    <select
                      aria-label={`Närvaro ${a.name}`}
                      value={lookup(presence, a.id) ?? lookup(c.rollCall, a.id) ?? ''}
                      onChange={(e) =>
                        setPresence((cur) => ({ ...cur, [a.id]: e.target.value as Presence }))
                      }
                    >
                      <option value="">–</option>
                      {PRESENCE.map((p) => (
                        <option key={p} value={p}>
                          {PRESENCE_LABEL[p]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="btn-secondary">
            Spara uppropet
          </button>
          <AckLine ack={roll.ack} />
        </fieldset>
      </form>
      <h4>Dagordning</h4>
      <dl className="report">
        {AGENDA_ITEMS.map((k) => (
          <div key={k} className="dl-row">
            <dt>{AGENDA_LABEL[k]}</dt>
            <dd className="basis">{c.minutes[k] ?? <span className="muted">–</span>}</dd>
          </div>
        ))}
      </dl>
      <CmdForm
        origin={`minute:${c.id}`}
        title="Protokollför punkt"
        submitLabel="Spara protokollet"
        onSaved={reset}
        onSubmit={() =>
          text.trim()
            ? { type: 'liaison.minute', payload: { conferenceId: c.id, item, text } }
            : null
        }
      >
        <SelectField
          label="Punkt"
          value={item}
          onChange={setItem}
          options={AGENDA_ITEMS.map((k) => [k, AGENDA_LABEL[k]] as const)}
        />
        <TextField label="Protokoll" value={text} onChange={setText} rows={3} required />
      </CmdForm>
      <CmdForm
        origin={`close:${c.id}`}
        title="Avsluta med gemensam inriktning"
        submitLabel="Avsluta konferensen"
        onSubmit={() =>
          direction.trim()
            ? {
                type: 'liaison.closeConference',
                payload: { conferenceId: c.id, jointDirection: direction },
              }
            : null
        }
      >
        <TextField
          label="Gemensam inriktning"
          value={direction}
          onChange={setDirection}
          rows={2}
          required
        />
      </CmdForm>
    </div>
  );
}
