/** The call lists in a table, and the form that adds or changes one. */
import { useState } from 'react';
import { CHANNEL_LABEL, type CallList } from '../../../../../shared/domain/alarm';
import { DataTable, EditRemoveCell, RegisterPage } from '../../../components/adminKit';
import { useCityState } from '../../../hooks';
import { targetLabel } from '../views';
import { tableGet } from '../../../../../shared/domain/table';
import { useSubmitOnce } from '../../../submitOnce';
import { ListForm } from './ListForm';

const LIST_COLS = ['Namn', 'Bemannar', 'Kvot', 'Larmordning', 'Svarstid', 'Kanaler'];

export function Lists() {
  const state = useCityState();
  const [edit, setEdit] = useState<CallList | null>(null);
  const { submit: send, ack } = useSubmitOnce('alarm-list-remove');
  const lists = Object.values(state.alarm.lists).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <RegisterPage
      headingId="lists-h"
      title="Larmlistor"
      count={lists.length}
      ack={ack}
      removedText="Larmlistan är borttagen."
      side={<ListForm key={edit?.id ?? 'new'} edit={edit} onDone={() => setEdit(null)} />}
    >
      <DataTable
        cols={LIST_COLS}
        actions="Åtgärder"
        rows={lists}
        row={(l) => (
          <tr key={l.id}>
            <th scope="row">{l.name}</th>
            <td>{targetLabel(state, l.target)}</td>
            <td>
              {l.quota} av {l.members.length}
            </td>
            <td>
              {l.members.map((id, i) => (
                <span key={id} className="order-name">
                  {i + 1}. {tableGet(state.alarm.contacts, id)?.name ?? id}
                  {i >= l.quota ? ' (reserv)' : ''}
                </span>
              ))}
            </td>
            <td>{Math.round((l.timeoutSeconds / 60) * 10) / 10} min</td>
            <td>{l.channels.map((c) => CHANNEL_LABEL[c]).join(', ')}</td>
            <EditRemoveCell
              name={l.name}
              onEdit={() => setEdit(l)}
              confirm={`Ta bort larmlistan ${l.name}?`}
              onRemove={() => send('alarm.removeList', { listId: l.id })}
            />
          </tr>
        )}
      />
    </RegisterPage>
  );
}
