import { useState } from 'react';
import { AckLine } from '../../components/AckLine';
import { TextField } from '../../components/kit';
import type { AckState } from '../../store/console';

/**
 * Approve a draft, or return it with what to change: the same box for every draft the CKL
 * approves. It stays mounted while hidden so a half-written return note survives a moment
 * without the right to approve.
 */
export function ApproveBox({
  shown,
  approveLabel,
  returnLabel,
  onApprove,
  onReturn,
  ack,
}: {
  shown: boolean;
  approveLabel: string;
  returnLabel: string;
  onApprove: () => void;
  onReturn: (note: string) => void;
  ack: AckState | undefined;
}) {
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  if (!shown) return null;
  return (
    <div className="approve-box">
      <div className="actions">
        <button type="button" className="btn-primary" onClick={onApprove}>
          {approveLabel}
        </button>
        <button type="button" className="btn-quiet" onClick={() => setReturning((x) => !x)}>
          Återremittera…
        </button>
      </div>
      {returning && (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            if (note.trim()) onReturn(note);
          }}
        >
          <TextField label="Vad ska ändras?" value={note} onChange={setNote} rows={2} />
          <button type="submit" className="btn-secondary">
            {returnLabel}
          </button>
        </form>
      )}
      <AckLine ack={ack} />
    </div>
  );
}
