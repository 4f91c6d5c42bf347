/** The form for one call list: whom it staffs, its members in order, quota, timeout, channels. */
import { useId, useState } from 'react';
import {
  CHANNEL_KINDS,
  CHANNEL_LABEL,
  type CallList,
  type ChannelKind,
  type ListTarget,
} from '../../../../../shared/domain/alarm';
import {
  CKL_FUNCTIONS,
  CKL_FUNCTION_LABEL,
  type CklFunction,
} from '../../../../../shared/domain/vocabulary';
import { Field } from '../../../components/bits';
import {
  Check,
  EntryForm,
  NameOptions,
  toggled,
  type EntryWords,
} from '../../../components/adminKit';
import { InputField } from '../../../components/fieldKit';
import { useCityState } from '../../../hooks';
import { tableGet, tableValues } from '../../../../../shared/domain/table';
import { useSubmitOnce } from '../../../submitOnce';

const targetKey = (t: ListTarget): string =>
  t.kind === 'ckl' ? `ckl:${t.fn}` : t.kind === 'ckl_lead' ? 'ckl_lead' : t.kind;

/** Quota and timeout: a number, one or more. */
const AT_LEAST_ONE = { type: 'number', min: 1, required: true } as const;

const WORDS: EntryWords = {
  newTitle: 'Ny larmlista',
  save: 'Spara larmlistan',
  saved: 'Larmlistan är sparad.',
  startNew: 'Ny lista i stället',
};

export function ListForm({ edit, onDone }: { edit: CallList | null; onDone: () => void }) {
  const uid = useId();
  const state = useCityState();
  const { submit: send, ack } = useSubmitOnce('alarm-list');
  const [name, setName] = useState(edit?.name ?? '');
  const [target, setTarget] = useState(edit ? targetKey(edit.target) : 'ckl:analysis');
  const [districtId, setDistrictId] = useState(
    edit && 'districtId' in edit.target ? (edit.target.districtId ?? '') : '',
  );
  const [members, setMembers] = useState<string[]>(edit?.members ?? []);
  const [quota, setQuota] = useState(String(edit?.quota ?? 1));
  const [timeoutMin, setTimeoutMin] = useState(String((edit?.timeoutSeconds ?? 600) / 60));
  const [channels, setChannels] = useState<ChannelKind[]>(
    edit?.channels ?? ['sms', 'email', 'console'],
  );
  const [adding, setAdding] = useState('');
  const q = Number(quota) || 0;
  const move = (i: number, d: -1 | 1) =>
    setMembers((m) => {
      const n = [...m];
      [n[i], n[i + d]] = [n[i + d], n[i]];
      return n;
    });
  const buildTarget = (): ListTarget =>
    target.startsWith('ckl:')
      ? { kind: 'ckl', fn: target.slice(4) as CklFunction }
      : target === 'ckl_lead'
        ? { kind: 'ckl_lead' }
        : target === 'district'
          ? { kind: 'district', districtId }
          : districtId
            ? { kind: 'crisis_support', districtId }
            : { kind: 'crisis_support' };
  const free = tableValues(state.alarm.contacts).filter((c) => !members.includes(c.id));
  return (
    <EntryForm
      words={WORDS}
      editing={edit?.name}
      onNew={onDone}
      ack={ack}
      onSubmit={() =>
        send('alarm.saveList', {
          ...(edit ? { listId: edit.id } : {}),
          name,
          target: buildTarget(),
          members,
          quota: q,
          timeoutSeconds: Math.round(Number(timeoutMin) * 60),
          channels,
        })
      }
    >
      <InputField label="Namn" id={`${uid}-n`} required value={name} onValue={setName} />
      <div className="row2">
        <Field label="Bemannar" id={`${uid}-t`}>
          <select id={`${uid}-t`} value={target} onChange={(e) => setTarget(e.target.value)}>
            {CKL_FUNCTIONS.map((f) => (
              <option key={f} value={`ckl:${f}`}>
                CKL {CKL_FUNCTION_LABEL[f]}
              </option>
            ))}
            <option value="ckl_lead">Stabschef CKL</option>
            <option value="district">Stadsdelsområdets krisorganisation</option>
            <option value="crisis_support">Krisstöd (POSOM)</option>
          </select>
        </Field>
        {(target === 'district' || target === 'crisis_support') && (
          <Field label="Stadsdelsområde" id={`${uid}-d`}>
            <select
              id={`${uid}-d`}
              required={target === 'district'}
              value={districtId}
              onChange={(e) => setDistrictId(e.target.value)}
            >
              <option value="">{target === 'district' ? 'Välj…' : 'Centralt'}</option>
              <NameOptions items={Object.values(state.districts)} idOf={(d) => d.districtId} />
            </select>
          </Field>
        )}
      </div>
      <div className="row2">
        <InputField
          label="Kvot (hur många behövs)"
          id={`${uid}-q`}
          {...AT_LEAST_ONE}
          value={quota}
          onValue={setQuota}
        />
        <InputField
          label="Svarstid (minuter)"
          id={`${uid}-to`}
          hint="Tystnad så länge ger en påminnelse, lika länge till ersätter med reserv."
          {...AT_LEAST_ONE}
          step="any"
          value={timeoutMin}
          onValue={setTimeoutMin}
        />
      </div>
      <fieldset>
        <legend>Kanaler</legend>
        {CHANNEL_KINDS.filter((c) => c !== 'outbox').map((c) => (
          <Check
            className="check inline"
            key={c}
            checked={channels.includes(c)}
            onChange={(on) => setChannels((cs) => toggled(cs, c, on))}
          >
            {CHANNEL_LABEL[c]}
          </Check>
        ))}
      </fieldset>
      <fieldset>
        <legend>Personer i larmordning</legend>
        <ol className="member-order">
          {members.map((id, i) => (
            <li key={id}>
              <span className="member-name">{tableGet(state.alarm.contacts, id)?.name ?? id}</span>{' '}
              <span className={i < q ? 'tag tag-first' : 'tag tag-reserve'}>
                {i < q ? 'Larmas först' : `Reserv ${i - q + 1}`}
              </span>
              <span className="member-actions">
                <button
                  type="button"
                  className="btn-quiet"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Flytta upp ${tableGet(state.alarm.contacts, id)?.name ?? id}`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn-quiet"
                  disabled={i === members.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Flytta ned ${tableGet(state.alarm.contacts, id)?.name ?? id}`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn-quiet"
                  onClick={() => setMembers((m) => m.filter((x) => x !== id))}
                  aria-label={`Ta bort ${tableGet(state.alarm.contacts, id)?.name ?? id} ur listan`}
                >
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
        <div className="inline-form">
          <label htmlFor={`${uid}-add`} className="sr-only">
            Lägg till person
          </label>
          <select id={`${uid}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Lägg till person…</option>
            {free.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.available ? '' : ' (ej tillgänglig)'}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn-secondary"
            disabled={!adding}
            onClick={() => {
              setMembers((m) => [...m, adding]);
              setAdding('');
            }}
          >
            Lägg till
          </button>
        </div>
      </fieldset>
    </EntryForm>
  );
}
