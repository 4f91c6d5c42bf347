/**
 * A CmdForm for one command type: offered only to whoever the shared policy lets send it,
 * and sending that type with whatever payload the form gives (nothing while it gives null).
 */
import type { ReactNode } from 'react';
import type { AnyCommand, CommandPayload, CommandType } from '../../../shared/commands';
import { useMay } from '../hooks';
import { CmdForm } from './kit';

interface Props<K extends CommandType> {
  type: K;
  /** A payload the policy is asked about before anything is filled in. */
  probe: CommandPayload<K>;
  send: () => CommandPayload<K> | null;
  origin: string;
  title: string;
  submitLabel: string;
  okText?: string;
  onSaved?: () => void;
  open?: boolean;
  testId?: string;
  children: ReactNode;
}

export function CommandForm<K extends CommandType>({ type, probe, send, ...form }: Props<K>) {
  const may = useMay(type, probe);
  if (!may) return null;
  return (
    <CmdForm
      {...form}
      onSubmit={() => {
        const payload = send();
        return payload ? ({ type, payload } as AnyCommand) : null;
      }}
    />
  );
}
