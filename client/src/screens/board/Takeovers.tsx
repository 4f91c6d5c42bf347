/**
 * Takeovers of other boards' areas (R196, R199): those that hold, the open proposals (the
 * proposer may withdraw one), and the form: the director or the chair proposes a takeover to
 * the board; the chair may take it over on the board's behalf when it cannot wait (an urgent
 * decision, reported to the board afterwards).
 */
import { useState } from 'react';
import { lookup, present } from '../../../../shared/domain/keyed';
import { CITY_UNITS } from '../../../../shared/domain/units';
import type { TakeoverScope } from '../../../../shared/domain/board';
import {
  COMPANY_NOT_TAKEN_OVER,
  mayBeTakenOver,
} from '../../../../shared/commands/board/takeovers';
import { useCityState, useMay } from '../../hooks';
import { dayTime } from '../../format';
import {
  Card,
  CmdButton,
  CmdForm,
  TextField,
  TimeField,
  localIn,
  localToIso,
  splitList,
} from '../../components/kit';
import { scopeAreas } from './views';
import { ListField } from '../../components/formRows';

const SAMPLE_SCOPE = { fromBoard: 'x', part: 'x', from: new Date(0).toISOString() };
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'sv');
// R196: the administrations are chosen; the companies are named with why they are not.
const ADMINISTRATIONS = CITY_UNITS.filter(mayBeTakenOver).sort(byName);
const COMPANIES = CITY_UNITS.filter((u) => !mayBeTakenOver(u)).sort(byName);

const toggled = (ids: string[], id: string) =>
  ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];

/** The districts and administrations a takeover touches, in words under its line. */
function ScopeAreas({ scope }: { scope: TakeoverScope }) {
  const state = useCityState();
  const areas = scopeAreas(state, scope);
  return areas ? <span className="board-scope-areas">Berör: {areas}</span> : null;
}

function ProposeForm() {
  const state = useCityState();
  const mayPropose = useMay('board.proposeTakeover', { scope: SAMPLE_SCOPE, basis: 'x' });
  const mayUrgent = useMay('board.takeOverArea', {
    scope: SAMPLE_SCOPE,
    decision: { basis: 'x', whyUrgent: 'x' },
  });
  const [urgent, setUrgent] = useState(false);
  const [fromBoard, setFromBoard] = useState('');
  const [part, setPart] = useState('');
  const [from, setFrom] = useState(() => localIn(0));
  const [districtIds, setDistrictIds] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [basis, setBasis] = useState('');
  const [whyUrgent, setWhyUrgent] = useState('');
  const [informed, setInformed] = useState('');
  if (!state.boardInFunction || (!mayPropose && !mayUrgent)) return null;
  const asUrgent = mayUrgent && (urgent || !mayPropose);
  const districts = Object.values(state.districts).sort(byName);
  return (
    <CmdForm
      origin="board-takeover"
      title={asUrgent ? 'Ta över verksamhetsområde (brådskande)' : 'Föreslå övertagande'}
      submitLabel={asUrgent ? 'Besluta på nämndens vägnar' : 'Lägg förslaget till nämnden'}
      okText={
        asUrgent
          ? 'Övertagandet gäller och ska anmälas till nämnden.'
          : 'Förslaget står bland nämndens ärenden.'
      }
      onSaved={() => {
        setPart('');
        setBasis('');
        setWhyUrgent('');
        setDistrictIds([]);
        setUnitIds([]);
      }}
      onSubmit={() => {
        const at = localToIso(from);
        if (!at) return null;
        const scope = { fromBoard, part, from: at, districtIds, unitIds };
        return asUrgent
          ? {
              type: 'board.takeOverArea',
              payload: { scope, decision: { basis, whyUrgent, informed: splitList(informed) } },
            }
          : { type: 'board.proposeTakeover', payload: { scope, basis } };
      }}
    >
      {mayPropose && mayUrgent && (
        <label className="check">
          <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />{' '}
          Nämndens beslut kan inte avvaktas: jag beslutar på nämndens vägnar
        </label>
      )}
      <TextField
        label="Nämnd vars område tas över"
        value={fromBoard}
        onChange={setFromBoard}
        required
      />
      <TextField
        label="Vilken del av verksamheten (i den utsträckning som är nödvändig)"
        value={part}
        onChange={setPart}
        rows={2}
        required
      />
      <TimeField label="Från" value={from} onChange={setFrom} required />
      {districts.length > 0 && (
        <fieldset className="board-districts">
          <legend>Berörda stadsdelsområden</legend>
          {districts.map((d) => (
            <label key={d.districtId} className="check">
              <input
                type="checkbox"
                checked={districtIds.includes(d.districtId)}
                onChange={() => setDistrictIds((ids) => toggled(ids, d.districtId))}
              />{' '}
              {d.name}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="board-districts board-units" aria-describedby="board-companies-note">
        <legend>Berörda förvaltningar</legend>
        {ADMINISTRATIONS.map((u) => (
          <label key={u.id} className="check">
            <input
              type="checkbox"
              checked={unitIds.includes(u.id)}
              onChange={() => setUnitIds((ids) => toggled(ids, u.id))}
            />{' '}
            {u.name}
          </label>
        ))}
        <p className="board-companies-note muted" id="board-companies-note">
          Bolagen ({COMPANIES.map((u) => u.name).join(', ')}) är egna juridiska personer.{' '}
          {COMPANY_NOT_TAKEN_OVER}
        </p>
      </fieldset>
      <TextField label="Beslutsunderlag" value={basis} onChange={setBasis} rows={3} required />
      {asUrgent && (
        <>
          <TextField
            label="Varför nämndens beslut inte kan avvaktas"
            value={whyUrgent}
            onChange={setWhyUrgent}
            rows={2}
            required
          />
          <ListField label="Informerade" value={informed} onChange={setInformed} />
        </>
      )}
    </CmdForm>
  );
}

function Proposal({ id }: { id: string }) {
  const state = useCityState();
  const p = lookup(state.board.proposals, id);
  const mayWithdraw = useMay('board.withdrawTakeoverProposal', { proposalId: id });
  if (!p) return null;
  return (
    <li>
      <strong>Förslag: {p.scope.fromBoard}</strong> – {p.scope.part}{' '}
      <span className="muted">
        ({p.proposedBy.name}, {dayTime(p.at)})
      </span>
      <ScopeAreas scope={p.scope} />
      {mayWithdraw && (
        <span className="actions">
          <CmdButton
            origin={`board-withdraw:${id}`}
            label="Återta förslaget"
            type="board.withdrawTakeoverProposal"
            payload={{ proposalId: id }}
            className="btn-quiet"
            okText="Förslaget är återtaget."
          />
        </span>
      )}
    </li>
  );
}

export function Takeovers() {
  const state = useCityState();
  const holding = state.board.takeoverOrder
    .map((id) => lookup(state.board.takeovers, id))
    .filter(present)
    .filter((t) => !t.endedAt);
  const open = Object.values(state.board.proposals).filter((p) => p.status === 'open');
  return (
    <Card title="Övertagna verksamhetsområden" testId="board-takeovers">
      {holding.length === 0 ? (
        <p className="muted">Inget övertagande gäller nu.</p>
      ) : (
        <ul className="plain">
          {holding.map((t) => (
            <li key={t.id}>
              <strong>{t.scope.fromBoard}:</strong> {t.scope.part}{' '}
              <span className="muted">
                från {dayTime(t.scope.from)},{' '}
                {t.source.kind === 'urgent' ? 'ordförandens brådskande beslut' : 'nämndens beslut'}
              </span>
              <ScopeAreas scope={t.scope} />
            </li>
          ))}
        </ul>
      )}
      {open.length > 0 && (
        <ul className="plain">
          {open.map((p) => (
            <Proposal key={p.id} id={p.id} />
          ))}
        </ul>
      )}
      <ProposeForm />
    </Card>
  );
}
