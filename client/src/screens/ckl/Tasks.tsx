/** The CKL's tasks (uppdrag): the open ones, overdue first, and the form that gives a new one. */
import { useCallback, useState } from 'react';
import {
  CKL_FUNCTIONS,
  CKL_FUNCTION_LABEL,
  TASK_STATUSES,
  TASK_STATUS_LABEL,
  type CklFunction,
} from '../../../../shared/domain/vocabulary';
import type { Task } from '../../../../shared/domain/state';
import { overdueTasks } from '../../../../shared/views/ckl';
import { AckLine } from '../../components/AckLine';
import { useCityState, useCommand, useMay, useNow } from '../../hooks';
import { hhmm } from '../../format';
import {
  Card,
  CmdForm,
  EventSelect,
  localIn,
  localToIso,
  SelectField,
  TextField,
  TimeField,
} from '../../components/kit';
import { Icon } from '../../components/Icon';
import { lookup } from '../../../../shared/domain/keyed';

function assigneeLabel(state: ReturnType<typeof useCityState>, t: Task): string {
  switch (t.assignee.kind) {
    case 'function':
      return CKL_FUNCTION_LABEL[t.assignee.fn];
    case 'user':
      return lookup(state.users, t.assignee.userId)?.name ?? t.assignee.userId;
    case 'district':
      return lookup(state.districts, t.assignee.districtId)?.name ?? t.assignee.districtId;
    default: {
      const never: never = t.assignee;
      return never;
    }
  }
}

function TaskRow({ t, overdue }: { t: Task; overdue: boolean }) {
  const state = useCityState();
  const { send, ack } = useCommand(`task:${t.id}`);
  const may = useMay('task.update', { taskId: t.id, status: 'done' });
  return (
    <li className={`task-row${overdue ? ' is-overdue' : ''}`} data-testid="task">
      <div>
        <strong>{t.title}</strong> – {assigneeLabel(state, t)}
        {t.deadline && (
          <span className={overdue ? 'overdue' : 'muted'}>
            {' '}
            · senast {hhmm(t.deadline)}
            {overdue && (
              <strong>
                {' '}
                <Icon name="warning" /> FÖRSENAT
              </strong>
            )}
          </span>
        )}
      </div>
      {t.eventId && <div className="muted small">{lookup(state.events, t.eventId)?.title}</div>}
      {t.note && <div className="small">Notering: {t.note}</div>}
      {may ? (
        <label className="inline-select">
          Status{' '}
          <select
            value={t.status}
            onChange={(e) => {
              const status = TASK_STATUSES.find((s) => s === e.target.value);
              if (status) send('task.update', { taskId: t.id, status });
            }}
          >
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {TASK_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="muted">{TASK_STATUS_LABEL[t.status]}</span>
      )}
      <AckLine ack={ack} />
    </li>
  );
}

/** A function's own tasks, as the card every function's screen shows them in. */
export function FunctionTasks({ fn }: { fn: CklFunction }) {
  return (
    <Card title="Uppdrag till funktionen">
      <TaskList fn={fn} />
    </Card>
  );
}

export function TaskList({ fn }: { fn?: CklFunction }) {
  const state = useCityState();
  const now = useNow();
  const overdue = new Set(overdueTasks(state, now).map((t) => t.id));
  const live = Object.values(state.tasks)
    .filter((t) => t.status === 'open' || t.status === 'in_progress')
    .filter((t) => !fn || (t.assignee.kind === 'function' && t.assignee.fn === fn))
    .sort(
      (a, b) =>
        Number(overdue.has(b.id)) - Number(overdue.has(a.id)) ||
        (a.deadline ?? '9').localeCompare(b.deadline ?? '9'),
    );
  const lateCount = live.filter((t) => overdue.has(t.id)).length;
  return (
    <>
      {lateCount > 0 && (
        <p className="notice" role="note">
          <Icon name="warning" /> {lateCount}{' '}
          {lateCount === 1 ? 'uppdrag är försenat' : 'uppdrag är försenade'}.
        </p>
      )}
      {live.length === 0 ? (
        <p className="muted">Inga öppna uppdrag.</p>
      ) : (
        <ul className="plain">
          {live.map((t) => (
            <TaskRow key={t.id} t={t} overdue={overdue.has(t.id)} />
          ))}
        </ul>
      )}
    </>
  );
}

export function NewTask() {
  const state = useCityState();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [eventId, setEventId] = useState('');
  const [who, setWho] = useState<string>('fn:analysis');
  const [deadline, setDeadline] = useState(localIn(60));
  const may = useMay('task.create', {
    title: '–',
    assignee: { kind: 'function', fn: 'analysis' },
  });
  const reset = useCallback(() => {
    setTitle('');
    setDescription('');
  }, []);
  if (!may) return null;
  const people = Object.values(state.users)
    .filter((u) => u.active && u.role.startsWith('ckl_'))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const options: (readonly [string, string])[] = [
    ...CKL_FUNCTIONS.map((f) => [`fn:${f}`, `Funktion: ${CKL_FUNCTION_LABEL[f]}`] as const),
    ...people.map((u) => [`user:${u.userId}`, `Person: ${u.name}`] as const),
  ];
  return (
    <CmdForm
      origin="task:new"
      title="Ge uppdrag"
      submitLabel="Ge uppdraget"
      okText="Uppdraget är givet."
      onSaved={reset}
      onSubmit={() => {
        if (!title.trim()) return null;
        const [kind, id = ''] = who.split(':');
        // The choice is one of the options above; a function is named by its own vocabulary.
        const fn = kind === 'fn' ? CKL_FUNCTIONS.find((f) => f === id) : undefined;
        if (kind === 'fn' && !fn) return null;
        return {
          type: 'task.create',
          payload: {
            title,
            description,
            ...(eventId ? { eventId } : {}),
            assignee: fn ? { kind: 'function', fn } : { kind: 'user', userId: id },
            ...(localToIso(deadline) ? { deadline: localToIso(deadline) } : {}),
          },
        };
      }}
    >
      <TextField label="Uppdrag" value={title} onChange={setTitle} required />
      <TextField label="Beskrivning" value={description} onChange={setDescription} rows={2} />
      <SelectField label="Till" value={who} onChange={setWho} options={options} />
      <div className="row2">
        <EventSelect fn="any" value={eventId} onChange={setEventId} optional />
        <TimeField label="Senast" value={deadline} onChange={setDeadline} />
      </div>
    </CmdForm>
  );
}
