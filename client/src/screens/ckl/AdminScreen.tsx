/**
 * The administrative function: duty rosters with relief times, costs per event (damage
 * separately from response, R33), crisis support for staff (R34), the staff's site with the
 * entry/exit log (R35), and supplies.
 */
import { useCallback, useState } from 'react';
import {
  COST_CATEGORIES,
  COST_CATEGORY_LABEL,
  SHIFT_POSTS,
  STAFF_SITES,
  STAFF_SITE_LABEL,
  SUPPLY_CATEGORIES,
  SUPPLY_CATEGORY_LABEL,
  type CostCategory,
  type ShiftPost,
  type StaffSite,
  type SupplyCategory,
} from '../../../../shared/domain/ckl';
import { kronor, lowSupplies, rosterNow } from '../../../../shared/views/ckl';
import { useCityState, useMay, useNow } from '../../hooks';
import { dayTime, hhmm } from '../../format';
import type { ScreenProps } from '../common';
import {
  Card,
  CklLayout,
  CmdButton,
  CmdForm,
  EventSelect,
  FunctionStatusLine,
  localIn,
  localToIso,
  SelectField,
  TextField,
  TimeField,
} from '../../components/kit';
import { FunctionTasks } from './Tasks';
import { Icon } from '../../components/Icon';
import { lookup } from '../../../../shared/domain/keyed';
import { POST_LABEL } from '../../../../shared/domain/enumLabels';
import { CommandForm } from '../../components/CommandForm';
import { CheckField } from '../../components/formRows';

function Roster() {
  const state = useCityState();
  const now = useNow();
  const r = rosterNow(state, now);
  const [post, setPost] = useState<ShiftPost>('analysis');
  const [person, setPerson] = useState('');
  const [from, setFrom] = useState(localIn(0));
  const [to, setTo] = useState(localIn(8 * 60));
  const reset = useCallback(() => setPerson(''), []);
  return (
    <Card title="Bemanning" testId="roster">
      {r.uncovered.length > 0 && (
        <p className="notice">
          <Icon name="warning" /> Obemannat nu:{' '}
          {r.uncovered.map((p) => POST_LABEL[p as ShiftPost] ?? p).join(', ')}
        </p>
      )}
      <h3>I tjänst</h3>
      {r.onDuty.length === 0 ? (
        <p className="muted">Ingen i tjänst enligt schemat.</p>
      ) : (
        <ul className="plain">
          {r.onDuty.map((s) => (
            <li key={s.id}>
              <strong>{POST_LABEL[s.post]}</strong>: {s.person}{' '}
              <span className="muted">avlöses {hhmm(s.to)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Kommande pass</h3>
      {r.upcoming.length === 0 ? (
        <p className="muted">Inga kommande pass.</p>
      ) : (
        <ul className="plain">
          {r.upcoming.slice(0, 8).map((s) => (
            <li key={s.id}>
              {dayTime(s.from)}–{hhmm(s.to)} <strong>{POST_LABEL[s.post]}</strong>: {s.person}
            </li>
          ))}
        </ul>
      )}
      <CommandForm
        type="administration.addShift"
        probe={{ post: 'lead', person: '–', from: now, to: now }}
        origin="shift:new"
        title="Lägg till pass"
        submitLabel="Lägg till passet"
        onSaved={reset}
        send={() => {
          const f = localToIso(from);
          const t = localToIso(to);
          return person.trim() && f && t ? { post, person, from: f, to: t } : null;
        }}
      >
        <SelectField
          label="Post"
          value={post}
          onChange={setPost}
          options={SHIFT_POSTS.map((p) => [p, POST_LABEL[p]] as const)}
        />
        <TextField label="Person" value={person} onChange={setPerson} required />
        <div className="row2">
          <TimeField label="Från" value={from} onChange={setFrom} required />
          <TimeField label="Avlöses" value={to} onChange={setTo} required />
        </div>
      </CommandForm>
    </Card>
  );
}

function Costs() {
  const state = useCityState();
  const [eventId, setEventId] = useState('');
  const [category, setCategory] = useState<CostCategory>('response');
  const [kind, setKind] = useState('');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const may = useMay('administration.recordCost', {
    eventId: 'x',
    category: 'damage',
    kind: '–',
    amountSek: 1,
  });
  const reset = useCallback(() => {
    setKind('');
    setAmount('');
    setDescription('');
  }, []);
  const list = Object.values(state.ckl.costs);
  return (
    <Card title="Kostnader per händelse" testId="costs">
      {list.length === 0 && <p className="muted">Inga kostnader registrerade.</p>}
      {list.map((c) => (
        <div key={c.eventId} className="item">
          <h3>{lookup(state.events, c.eventId)?.title ?? c.eventId}</h3>
          <table className="picture totals">
            <caption className="sr-only">Summor</caption>
            <tbody>
              <tr>
                <th scope="row">{COST_CATEGORY_LABEL.damage}</th>
                <td className="num">{kronor(c.damageOre)} kr</td>
              </tr>
              <tr>
                <th scope="row">{COST_CATEGORY_LABEL.response}</th>
                <td className="num">{kronor(c.responseOre)} kr</td>
              </tr>
            </tbody>
          </table>
          <ul className="plain">
            {[...c.entries].reverse().map((e) => (
              <li key={e.id} className={e.voided ? 'voided' : undefined}>
                {dayTime(e.at)} · {COST_CATEGORY_LABEL[e.category]} · {e.kind}:{' '}
                <strong>{kronor(e.amountOre)} kr</strong>
                {e.description ? ` – ${e.description}` : ''}
                {e.voided ? (
                  <span className="muted"> (makulerad: {e.voided.reason})</span>
                ) : (
                  may && (
                    <CmdButton
                      origin={`void:${e.id}`}
                      label="Makulera"
                      className="btn-link"
                      type="administration.voidCost"
                      payload={{
                        eventId: e.eventId,
                        costId: e.id,
                        reason: 'Felregistrerad; förs in på nytt vid behov.',
                      }}
                    />
                  )
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {may && (
        <CmdForm
          origin="cost:new"
          title="Registrera kostnad"
          submitLabel="Registrera"
          onSaved={reset}
          onSubmit={() => {
            const n = Number(amount.replace(/\s/g, '').replace(',', '.'));
            return eventId && kind.trim() && n > 0
              ? {
                  type: 'administration.recordCost',
                  payload: { eventId, category, kind, amountSek: n, description },
                }
              : null;
          }}
        >
          <EventSelect fn="any" value={eventId} onChange={setEventId} />
          <SelectField
            label="Slag"
            value={category}
            onChange={setCategory}
            options={COST_CATEGORIES.map((c) => [c, COST_CATEGORY_LABEL[c]] as const)}
          />
          <div className="row2">
            <TextField label="Kostnadsslag" value={kind} onChange={setKind} required />
            <TextField label="Belopp (kr)" value={amount} onChange={setAmount} required />
          </div>
          <TextField label="Beskrivning" value={description} onChange={setDescription} />
        </CmdForm>
      )}
    </Card>
  );
}

function StaffSupport() {
  const state = useCityState();
  const [person, setPerson] = useState('');
  const [need, setNeed] = useState('');
  const [urgent, setUrgent] = useState(false);
  const mayHandle = useMay('administration.handleStaffSupport', {
    requestId: 'x',
    status: 'arranged',
  });
  const reset = useCallback(() => {
    setPerson('');
    setNeed('');
    setUrgent(false);
  }, []);
  const list = Object.values(state.ckl.staffSupport).filter((r) => r.status !== 'closed');
  return (
    <Card title="Krisstöd för medarbetare" testId="staff-support">
      {list.length === 0 ? (
        <p className="muted">Ingen öppen begäran.</p>
      ) : (
        <ul className="plain">
          {list.map((r) => (
            <li key={r.id}>
              {r.urgent && (
                <strong className="overdue">
                  <Icon name="warning" /> Brådskande{' '}
                </strong>
              )}
              <strong>{r.person}</strong>: {r.need}{' '}
              <span className="tag">{r.status === 'open' ? 'Öppen' : 'Ordnad'}</span>
              {mayHandle && (
                <div className="actions">
                  {r.status === 'open' && (
                    <CmdButton
                      origin={`sup-arr:${r.id}`}
                      label="Stöd ordnat"
                      type="administration.handleStaffSupport"
                      payload={{ requestId: r.id, status: 'arranged', note: '' }}
                    />
                  )}
                  <CmdButton
                    origin={`sup-close:${r.id}`}
                    label="Avsluta"
                    className="btn-quiet"
                    type="administration.handleStaffSupport"
                    payload={{ requestId: r.id, status: 'closed', note: '' }}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <CommandForm
        type="administration.requestStaffSupport"
        probe={{ person: '–', need: '–' }}
        origin="sup:new"
        title="Begär krisstöd för en medarbetare"
        submitLabel="Skicka begäran"
        onSaved={reset}
        send={() => (person.trim() && need.trim() ? { person, need, urgent } : null)}
      >
        <TextField label="Vem" value={person} onChange={setPerson} required />
        <TextField label="Behov" value={need} onChange={setNeed} rows={2} required />
        <CheckField checked={urgent} onChange={setUrgent}>
          Brådskande
        </CheckField>
      </CommandForm>
    </Card>
  );
}

function SiteAndPresence() {
  const state = useCityState();
  const [site, setSite] = useState<StaffSite>(state.ckl.staffSite?.site ?? 'ordinary');
  const [note, setNote] = useState('');
  const [person, setPerson] = useState('');
  const [mSite, setMSite] = useState<StaffSite>(state.ckl.staffSite?.site ?? 'ordinary');
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const may = useMay('administration.setStaffSite', { site: 'ordinary' });
  const reset = useCallback(() => setPerson(''), []);
  const present = Object.values(state.ckl.presence);
  return (
    <Card title="Stabens lokal och närvaro" testId="site">
      <p>
        Staben är på:{' '}
        <strong>
          {state.ckl.staffSite ? STAFF_SITE_LABEL[state.ckl.staffSite.site] : 'ej angivet'}
        </strong>
        {state.ckl.staffSite && (
          <span className="muted">
            {' '}
            sedan {dayTime(state.ckl.staffSite.since)}
            {state.ckl.staffSite.note ? ` · ${state.ckl.staffSite.note}` : ''}
          </span>
        )}
      </p>
      <h3>Inpasserade ({present.length})</h3>
      {present.length === 0 ? (
        <p className="muted">Ingen inpasserad.</p>
      ) : (
        <ul className="plain">
          {present.map((p) => (
            <li key={`${p.person}-${p.site}`}>
              {p.person}{' '}
              <span className="muted">
                · {STAFF_SITE_LABEL[p.site]} sedan {hhmm(p.since)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {may && (
        <>
          <CmdForm
            origin="site:set"
            title="Byt lokal"
            submitLabel="Spara lokal"
            onSubmit={() => ({ type: 'administration.setStaffSite', payload: { site, note } })}
          >
            <SelectField
              label="Lokal"
              value={site}
              onChange={setSite}
              options={STAFF_SITES.map((s) => [s, STAFF_SITE_LABEL[s]] as const)}
            />
            <TextField label="Anteckning" value={note} onChange={setNote} />
          </CmdForm>
          <CmdForm
            origin="move:new"
            title="In- eller utpassering"
            submitLabel="Registrera"
            onSaved={reset}
            onSubmit={() =>
              person.trim()
                ? {
                    type: 'administration.recordMovement',
                    payload: { person, site: mSite, direction },
                  }
                : null
            }
          >
            <TextField label="Vem" value={person} onChange={setPerson} required />
            <div className="row2">
              <SelectField
                label="Lokal"
                value={mSite}
                onChange={setMSite}
                options={STAFF_SITES.map((s) => [s, STAFF_SITE_LABEL[s]] as const)}
              />
              <SelectField
                label="Riktning"
                value={direction}
                onChange={setDirection}
                options={[
                  ['in', 'In'],
                  ['out', 'Ut'],
                ]}
              />
            </div>
          </CmdForm>
        </>
      )}
    </Card>
  );
}

function Supplies() {
  const state = useCityState();
  const low = new Set(lowSupplies(state).map((i) => i.id));
  const [name, setName] = useState('');
  const [category, setCategory] = useState<SupplyCategory>('food');
  const [quantity, setQuantity] = useState('');
  const [unit, setUnit] = useState('st');
  const [minimum, setMinimum] = useState('');
  const [site, setSite] = useState<StaffSite>(state.ckl.staffSite?.site ?? 'ordinary');
  const reset = useCallback(() => {
    setName('');
    setQuantity('');
    setMinimum('');
  }, []);
  const items = Object.values(state.ckl.supplies).sort((a, b) =>
    a.name.localeCompare(b.name, 'sv'),
  );
  return (
    <Card title="Förnödenheter" testId="supplies">
      {low.size > 0 && (
        <p className="notice">
          <Icon name="warning" /> Under miniminivå: {low.size}
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted">Inga förnödenheter registrerade.</p>
      ) : (
        <ul className="plain">
          {items.map((i) => (
            <li key={i.id} className={low.has(i.id) ? 'overdue' : undefined}>
              {i.name}: <strong>{i.quantity}</strong> {i.unit}{' '}
              <span className="muted">
                · {SUPPLY_CATEGORY_LABEL[i.category]} · {STAFF_SITE_LABEL[i.site]}
                {i.minimum !== undefined ? ` · minst ${i.minimum}` : ''}
              </span>
              {low.has(i.id) && <strong> (LÅGT)</strong>}
            </li>
          ))}
        </ul>
      )}
      <CommandForm
        type="administration.recordSupply"
        probe={{ name: '–', category: 'food', quantity: 0, unit: '–', site: 'ordinary' }}
        origin="supply:new"
        title="Registrera förnödenhet"
        submitLabel="Spara"
        onSaved={reset}
        send={() => {
          const q = Number(quantity);
          const m = minimum.trim() ? Number(minimum) : undefined;
          return name.trim() && Number.isFinite(q) && q >= 0
            ? {
                name,
                category,
                quantity: q,
                unit,
                site,
                ...(m !== undefined && Number.isFinite(m) ? { minimum: m } : {}),
              }
            : null;
        }}
      >
        <TextField label="Vad" value={name} onChange={setName} required />
        <div className="row2">
          <SelectField
            label="Kategori"
            value={category}
            onChange={setCategory}
            options={SUPPLY_CATEGORIES.map((c) => [c, SUPPLY_CATEGORY_LABEL[c]] as const)}
          />
          <SelectField
            label="Lokal"
            value={site}
            onChange={setSite}
            options={STAFF_SITES.map((s) => [s, STAFF_SITE_LABEL[s]] as const)}
          />
        </div>
        <div className="row2">
          <TextField label="Antal" value={quantity} onChange={setQuantity} required />
          <TextField label="Enhet" value={unit} onChange={setUnit} required />
        </div>
        <TextField label="Miniminivå" value={minimum} onChange={setMinimum} />
      </CommandForm>
    </Card>
  );
}

export function AdminScreen(_props: ScreenProps) {
  return (
    <CklLayout
      label="Administrativa funktionen"
      head={<FunctionStatusLine fn="admin" />}
      columns={[
        <>
          <Roster />
          <FunctionTasks fn="admin" />
        </>,
        <>
          <Costs />
          <Supplies />
        </>,
        <>
          <StaffSupport />
          <SiteAndPresence />
        </>,
      ]}
    />
  );
}
