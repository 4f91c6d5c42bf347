/**
 * "Ej skickat ännu": what the officer did while the connection was down, in the order it will
 * be sent, with the time each was made. A report in conflict, and what waits behind it, say so.
 */
import type { ReactNode } from 'react';
import { COMMANDS } from '../../../../shared/commands';
import { DISTRICT_STATUS_LABEL, type DistrictStatus } from '../../../../shared/domain/vocabulary';
import { chainDistrict, type PendingCommand } from '../../store/outbox';
import { useConsole } from '../../store/console';
import { hhmm } from '../../format';
import { Icon } from '../../components/Icon';

const KIND: Record<string, string> = {
  'district.report': 'Lägesrapport',
  'district.confirmNoChange': 'Inget nytt att rapportera',
  'marker.place': 'Markering',
  'marker.move': 'Flyttad markering',
  'marker.remove': 'Borttagen markering',
  'log.write': 'Dagboksanteckning',
  'event.open': 'Ny störning',
};

export function commandLabel(type: string): string {
  return KIND[type] ?? (COMMANDS as Record<string, { label: string }>)[type]?.label ?? type;
}

function str(p: unknown, k: string): string | undefined {
  const v = (p as Record<string, unknown> | null)?.[k];
  return typeof v === 'string' ? v : undefined;
}

/** One line of what the command says, so the officer recognises it. */
export function commandSummary(c: Pick<PendingCommand, 'type' | 'payload'>): string {
  switch (c.type) {
    case 'district.report': {
      const st = str(c.payload, 'status') as DistrictStatus | undefined;
      return `${st ? DISTRICT_STATUS_LABEL[st] : ''}: ${str(c.payload, 'happened') ?? ''}`;
    }
    case 'district.confirmNoChange':
      return 'Läget är oförändrat';
    case 'marker.place':
      return str(c.payload, 'label') ?? '';
    case 'log.write':
      return str(c.payload, 'text') ?? '';
    case 'event.open':
      return str(c.payload, 'title') ?? '';
    default:
      return '';
  }
}

export type QueueStatus = 'waiting' | 'conflict' | 'held';

/** Each queued command's status under the order rule of the store's flush. */
export function queueStatuses(pending: PendingCommand[]): QueueStatus[] {
  const held = new Set<string>();
  return pending.map((c) => {
    const d = chainDistrict(c);
    const key = d ? `${c.space}|${d}` : null;
    if (c.conflict) {
      if (key) held.add(key);
      return 'conflict';
    }
    return key && held.has(key) ? 'held' : 'waiting';
  });
}

const STATUS_TEXT: Record<QueueStatus, ReactNode> = {
  waiting: 'Väntar på anslutning',
  conflict: (
    <>
      <Icon name="warning" /> Konflikt – välj i konfliktrutan överst
    </>
  ),
  held: (
    <>
      <Icon name="pause" /> Väntar på beslut om konflikten före
    </>
  ),
};

export function OutboxPanel() {
  const pending = useConsole((s) => s.pending);
  const live = useConsole((s) => s.connection.status === 'live');
  if (!pending.length) return null;
  const statuses = queueStatuses(pending);
  return (
    <section className="card outbox" aria-labelledby="outbox-h" data-testid="outbox">
      <h2 id="outbox-h">
        Ej skickat ännu <span className="outbox-count">({pending.length})</span>
      </h2>
      <p className="muted outbox-hint">
        {live
          ? 'Skickas nu, i tur och ordning.'
          : 'Sparat i den här webbläsaren. Skickas automatiskt, i tur och ordning, när anslutningen är tillbaka.'}
      </p>
      <ol className="outbox-list">
        {pending.map((c, i) => (
          <li
            key={c.id}
            className={`outbox-item outbox-${statuses[i]}`}
            data-testid="outbox-item"
            data-type={c.type}
          >
            <span className="outbox-line">
              <span className="outbox-n">{i + 1}.</span> <strong>{commandLabel(c.type)}</strong>{' '}
              <span className="muted">kl. {hhmm(c.createdAt)}</span>
            </span>
            <span className="outbox-summary">{commandSummary(c)}</span>
            <span className="outbox-status">{STATUS_TEXT[statuses[i]]}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
