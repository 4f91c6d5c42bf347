/**
 * Photos and files on a report, a marker or a log entry (R215–R219): thumbnails of what the
 * reader may see, and for who may add them a camera button (the phone opens its camera) and a
 * file picker. The form locks while the file is on its way and clears when it is saved.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { tableValues } from '../../../shared/domain/table';
import {
  ATTACHMENT_TARGET_LABEL,
  isDrawable,
  type Attachment,
  type AttachmentTarget,
} from '../../../shared/files/model';
import { filesOf } from '../../../shared/files/policy';
import type { CityState } from '../../../shared/domain/state';
import { useCityState, useMay } from '../hooks';
import { useConsole } from '../store/console';
import { Icon } from '../components/Icon';
import { fileUrl, sizeText } from './api';
import { uploadQueue } from './uploadQueue';
import { FileButton } from './FileButton';
import { plural } from '../../../shared/text/plural';
import './files.css';

export const attachmentsOf = (
  s: CityState,
  target: AttachmentTarget,
  targetId: string,
): Attachment[] =>
  tableValues(filesOf(s).attachments).filter(
    (a) => a.target === target && a.targetId === targetId && !a.removed,
  );

export function AttachmentList({
  target,
  targetId,
}: {
  target: AttachmentTarget;
  targetId: string;
}) {
  const state = useCityState();
  const list = attachmentsOf(state, target, targetId);
  if (list.length === 0) return null;
  return (
    <ul className="attachments" aria-label={`Bilagor (${list.length})`}>
      {list.map((a) => (
        <li key={a.id}>
          <a href={fileUrl(state.space, a.hash)} target="_blank" rel="noopener">
            {isDrawable(a.mediaType) ? (
              <img
                className="thumb"
                src={fileUrl(state.space, a.hash)}
                alt={a.caption ?? `Foto ${a.name}`}
                loading="lazy"
                width={96}
                height={72}
                data-testid="attachment-thumb"
              />
            ) : (
              <span className="file-chip">
                <Icon name="square" /> {a.name}
              </span>
            )}
          </a>
          <span className="thumb-caption">
            {a.caption ? `${a.caption} · ` : ''}
            {a.by.name}
            {a.audience ? (
              <>
                {' '}
                <Icon name="lock" /> sekretess
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What the server answered to an upload, shown where the file was chosen. */
export function UploadAnswer({ result }: { result: { ok: boolean; text: string } | null }) {
  if (!result) return null;
  return (
    <p
      className={result.ok ? 'ack ack-ok' : 'ack ack-refused'}
      role={result.ok ? 'status' : 'alert'}
    >
      {result.ok ? '✓ ' : ''}
      {result.text}
    </p>
  );
}

export function AttachForm({ target, targetId }: { target: AttachmentTarget; targetId: string }) {
  const uid = useId();
  const space = useConsole((s) => s.currentSpace);
  const actingFor = useConsole((s) => s.actingFor);
  const announce = useConsole((s) => s.announce);
  const may = useMay('attachment.add', { target, targetId, name: 'x.jpg' });
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [confidential, setConfidential] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const camera = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  if (!may) return null;
  const choose = (f: File | undefined) => {
    setFile(f ?? null);
    setResult(null);
  };
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    const name = file.name || 'foto.jpg';
    const r = await uploadQueue.getState().attach({
      space,
      target,
      targetId,
      name,
      payload: {
        target,
        targetId,
        name,
        ...(caption.trim() ? { caption: caption.trim() } : {}),
        confidential,
      },
      file,
      actingFor,
    });
    setBusy(false);
    if (r.ok) {
      setFile(null);
      setCaption('');
      setConfidential(false);
      if (camera.current) camera.current.value = '';
      if (picker.current) picker.current.value = '';
      // Offline: kept in this browser and listed under "Ej skickat ännu" (R257).
      const text = r.queued
        ? 'Ingen anslutning – bilagan är sparad i den här webbläsaren och skickas när anslutningen är tillbaka.'
        : 'Bilagan är sparad.';
      setResult({ ok: true, text });
      announce(text);
    } else setResult({ ok: false, text: r.message });
  };
  const label = ATTACHMENT_TARGET_LABEL[target].toLowerCase();
  return (
    <form className="attach-form" onSubmit={(e) => void send(e)} aria-labelledby={`${uid}-h`}>
      <p id={`${uid}-h`} className="attach-title">
        Bifoga till {label}
      </p>
      <div className="attach-pick">
        <FileButton
          label="Ta foto"
          inputRef={camera}
          accept="image/*"
          capture="environment"
          disabled={busy}
          onFile={choose}
          testId="attach-camera"
        />
        <FileButton
          label="Välj fil"
          inputRef={picker}
          accept="image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf,text/plain,.md"
          disabled={busy}
          onFile={choose}
          testId="attach-file"
        />
      </div>
      {file && (
        <>
          <p className="muted">
            {file.name || 'Foto'} ({sizeText(file.size)})
          </p>
          <label htmlFor={`${uid}-cap`}>Bildtext (valfri)</label>
          <input
            id={`${uid}-cap`}
            value={caption}
            maxLength={300}
            disabled={busy}
            onChange={(e) => setCaption(e.target.value)}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={confidential}
              disabled={busy}
              onChange={(e) => setConfidential(e.target.checked)}
            />{' '}
            Sekretess – bara stadsdelsområdet och krisledningen ser bilagan
          </label>
          <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Skickar…' : 'Bifoga'}
          </button>
        </>
      )}
      <UploadAnswer result={result} />
    </form>
  );
}

/** A folded "Bifoga foto" under a row, only for who may attach there. */
export function AttachDetails({
  target,
  targetId,
}: {
  target: AttachmentTarget;
  targetId: string;
}) {
  const may = useMay('attachment.add', { target, targetId, name: 'x.jpg' });
  if (!may) return null;
  return (
    <details className="attach-more">
      <summary>Bifoga foto</summary>
      <AttachForm target={target} targetId={targetId} />
    </details>
  );
}

/** The count for a compact row: "2 bilagor". */
export const attachmentCount = (n: number): string => plural(n, 'bilaga', 'bilagor');
