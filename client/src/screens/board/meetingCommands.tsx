/**
 * A command on one meeting, from a form or a single button: every such command names the
 * meeting, is offered only to whoever the shared policy lets send it, and keeps its answer
 * under a place of its own per meeting.
 */
import type { ReactNode } from 'react';
import type { BoardMeeting } from '../../../../shared/domain/board';
import type { CommandPayload, CommandType } from '../../../../shared/commands';
import { useMay } from '../../hooks';
import { CmdButton } from '../../components/kit';
import { CommandForm } from '../../components/CommandForm';

type MeetingCommand = {
  [K in CommandType]: CommandPayload<K> extends { meetingId: string } ? K : never;
}[CommandType];

/** What a command says besides the meeting (each variant of a union kept apart). */
type Rest<K extends MeetingCommand> =
  CommandPayload<K> extends infer P ? (P extends unknown ? Omit<P, 'meetingId'> : never) : never;

interface Wording {
  /** Where the answer is kept, with the meeting's id after it. */
  place: string;
  title: string;
  submitLabel?: string;
  okText: string;
}

/** The commands offered as a form, each with a payload the policy is asked about beforehand. */
const FORMS: {
  [K in 'board.openMeeting' | 'board.cancelMeeting' | 'board.addAgendaItem']: Wording & {
    probe: Rest<K>;
  };
} = {
  'board.openMeeting': {
    place: 'board-open',
    title: 'Öppna sammanträdet',
    okText: 'Sammanträdet är öppnat.',
    probe: { attesterId: 'x' },
  },
  'board.cancelMeeting': {
    place: 'board-cancel',
    title: 'Ställ in sammanträdet',
    okText: 'Sammanträdet är inställt.',
    probe: { reason: 'x' },
  },
  'board.addAgendaItem': {
    place: 'board-add-item',
    title: 'För upp ärende på föredragningslistan',
    submitLabel: 'För upp ärendet',
    okText: 'Ärendet står på föredragningslistan.',
    probe: { kind: 'other', title: 'x' },
  },
};
type FormCommand = keyof typeof FORMS;

/** The commands that need nothing but the meeting, offered as one button. */
const BUTTONS: Record<'board.closeMeeting' | 'board.attestProtocol', Wording> = {
  'board.closeMeeting': {
    place: 'board-close',
    title: 'Avsluta sammanträdet',
    okText: 'Sammanträdet är avslutat. Protokollet väntar på justering.',
  },
  'board.attestProtocol': {
    place: 'board-attest',
    title: 'Justera protokollet',
    okText: 'Din justering är registrerad.',
  },
};

/** A disclosure form whose command names the meeting; `send` gives the rest, or null. */
export function MeetingForm<K extends FormCommand>({
  meeting,
  type,
  open,
  testId,
  onSaved,
  send,
  children,
}: {
  meeting: BoardMeeting;
  type: K;
  open?: boolean;
  testId?: string;
  onSaved?: () => void;
  send: () => Rest<K> | null;
  children: ReactNode;
}) {
  const w = FORMS[type];
  const payload = (rest: Rest<K>) =>
    ({ meetingId: meeting.id, ...rest }) as unknown as CommandPayload<K>;
  return (
    <CommandForm
      type={type}
      probe={payload(w.probe as Rest<K>)}
      send={() => {
        const rest = send();
        return rest ? payload(rest) : null;
      }}
      origin={`${w.place}:${meeting.id}`}
      title={w.title}
      submitLabel={w.submitLabel ?? w.title}
      okText={w.okText}
      open={open}
      testId={testId}
      onSaved={onSaved}
    >
      {children}
    </CommandForm>
  );
}

/** A one-click command that needs nothing but the meeting. */
export function MeetingButton({
  meeting,
  type,
}: {
  meeting: BoardMeeting;
  type: keyof typeof BUTTONS;
}) {
  const may = useMay(type, { meetingId: meeting.id });
  if (!may) return null;
  const w = BUTTONS[type];
  return (
    <CmdButton
      origin={`${w.place}:${meeting.id}`}
      label={w.title}
      type={type}
      payload={{ meetingId: meeting.id }}
      okText={w.okText}
    />
  );
}
