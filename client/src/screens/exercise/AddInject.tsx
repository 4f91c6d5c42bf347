import { useId, useState } from 'react';
import {
  MESSAGE_CHANNELS,
  MESSAGE_CHANNEL_LABEL,
  type InjectKind,
  type MessageChannel,
} from '../../../../shared/exercise/scenario';
import { AckLine } from '../../components/AckLine';
import { Field } from '../../components/bits';
import { useSubmitOnce } from '../../submitOnce';

/** A message inject written live: the most common thing a leader adds (motspel). */
export function AddInject() {
  const uid = useId();
  const [from, setFrom] = useState('');
  const [channel, setChannel] = useState<MessageChannel>('phone');
  const [text, setText] = useState('');
  const [at, setAt] = useState('');
  const { submit: send, ack } = useSubmitOnce('exercise-add-inject');
  const [kind] = useState<InjectKind>('message');
  const [counter, setCounter] = useState(1);
  return (
    <form
      className="add-inject"
      aria-labelledby={`${uid}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        const id = `live-${Date.now().toString(36)}-${counter}`;
        setCounter((n) => n + 1);
        send('exercise.addInject', {
          inject: {
            id,
            kind,
            from: from.trim(),
            channel,
            text: text.trim(),
            ...(at.trim() ? { at: at.trim() } : {}),
          },
        });
        setText('');
      }}
    >
      <h3 id={`${uid}-h`}>Lägg till meddelande-inject</h3>
      <Field label="Från (extern aktör)" id={`${uid}-f`}>
        <input
          id={`${uid}-f`}
          required
          value={from}
          maxLength={200}
          placeholder="t.ex. SMHI, Ellevio, Polisen"
          onChange={(e) => setFrom(e.target.value)}
        />
      </Field>
      <Field label="Kanal" id={`${uid}-c`}>
        <select
          id={`${uid}-c`}
          value={channel}
          onChange={(e) => setChannel(e.target.value as MessageChannel)}
        >
          {MESSAGE_CHANNELS.map((ch) => (
            <option key={ch} value={ch}>
              {MESSAGE_CHANNEL_LABEL[ch]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Meddelande" id={`${uid}-t`}>
        <textarea
          id={`${uid}-t`}
          required
          rows={3}
          value={text}
          maxLength={4000}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      <Field label="Övningstid (tt:mm)" id={`${uid}-a`} hint="Lämna tomt för att spela den nu.">
        <input
          id={`${uid}-a`}
          value={at}
          placeholder="nu"
          inputMode="numeric"
          aria-describedby={`${uid}-a-hint`}
          onChange={(e) => setAt(e.target.value)}
        />
      </Field>
      <button type="submit" className="btn-primary">
        Lägg till inject
      </button>
      <AckLine ack={ack} okText="Injecten är tillagd." />
    </form>
  );
}
