/**
 * "Ej skickat ännu": what the officer did while the connection was down, in the order it will
 * be sent, with the time each was made. A report in conflict, and what waits behind it, say so.
 * Photos and files chosen offline wait in a list of their own below (IndexedDB, R257), and one
 * the server refused once back stays listed with the reason until the officer closes it.
 */
import type { ReactNode } from 'react';
import { COMMANDS } from '../../../../shared/commands';
import { DISTRICT_STATUS_LABEL, type DistrictStatus } from '../../../../shared/domain/vocabulary';
import { chainQueue, type PendingCommand } from '../../store/outbox';
import { useConsole } from '../../store/console';
import { hhmm } from '../../format';
import { Icon } from '../../components/Icon';
import { CloseButton } from '../../components/adminKit';
import { lookup } from '../../../../shared/domain/keyed';
import { ATTACHMENT_TARGET_LABEL, AttachmentTarget } from '../../../../shared/files/model';
import { sizeText } from '../../files/api';
import { uploadQueue, useUploads, type QueuedUploadView } from '../../files/uploadQueue';

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
  return (
    lookup(KIND, type) ?? lookup(COMMANDS as Record<string, { label: string }>, type)?.label ?? type
  );
}

function str(p: unknown, k: string): string | undefined {
  const v = lookup(p as Record<string, unknown> | null, k);
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
    const key = chainQueue(c);
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

/** "Foto till lägesrapport": what the file is and what it hangs on. */
export function uploadLabel(u: Pick<QueuedUploadView, 'mediaType' | 'payload'>): string {
  const t = AttachmentTarget.safeParse(lookup(u.payload, 'target'));
  const what = u.mediaType.startsWith('image/') ? 'Foto' : 'Fil';
  return t.success ? `${what} till ${ATTACHMENT_TARGET_LABEL[t.data].toLowerCase()}` : what;
}

function UploadItems() {
  const uploads = useUploads((u) => u.items);
  const refused = useUploads((u) => u.refused);
  if (!uploads.length && !refused.length) return null;
  return (
    <>
      {uploads.length > 0 && (
        <ul className="outbox-list" aria-label="Filer som väntar">
          {uploads.map((u) => (
            <li
              key={u.id}
              className="outbox-item outbox-waiting"
              data-testid="outbox-upload"
              data-id={u.id}
            >
              <span className="outbox-line">
                <Icon name="camera" /> <strong>{uploadLabel(u)}</strong>{' '}
                <span className="muted">kl. {hhmm(u.createdAt)}</span>
              </span>
              <span className="outbox-summary">
                {u.name} ({sizeText(u.size)})
                {typeof lookup(u.payload, 'caption') === 'string'
                  ? ` – ${String(lookup(u.payload, 'caption'))}`
                  : ''}
              </span>
              <span className="outbox-status">Väntar på anslutning</span>
            </li>
          ))}
        </ul>
      )}
      {refused.map((r) => (
        <p key={r.id} className="ack ack-refused" role="alert" data-testid="outbox-upload-refused">
          <Icon name="warning" /> Bilagan {r.name} avvisades: {r.message}{' '}
          <CloseButton onClick={() => uploadQueue.getState().dismissRefused(r.id)} />
        </p>
      ))}
    </>
  );
}

export function OutboxPanel() {
  const pending = useConsole((s) => s.pending);
  const live = useConsole((s) => s.connection.status === 'live');
  const uploads = useUploads((u) => u.items.length);
  const refused = useUploads((u) => u.refused.length);
  if (!pending.length && !uploads && !refused) return null;
  const statuses = queueStatuses(pending);
  const waiting = pending.length + uploads;
  return (
    <section className="card outbox" aria-labelledby="outbox-h" data-testid="outbox">
      <h2 id="outbox-h">
        Ej skickat ännu <span className="outbox-count">({waiting})</span>
      </h2>
      <p className="muted outbox-hint">
        {!waiting
          ? 'Allt är skickat.'
          : live
            ? 'Skickas nu, i tur och ordning.'
            : 'Sparat i den här webbläsaren. Skickas automatiskt, i tur och ordning, när anslutningen är tillbaka.'}
      </p>
      {pending.length > 0 && (
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
      )}
      <UploadItems />
    </section>
  );
}
