/**
 * The document library (dokumentbiblioteket, R220–R222): the city's plans and instructions as
 * the reader's role may see them, newest version first within each kind. PDFs open in the
 * browser; Markdown is drawn here, never as HTML. The security chief and the administrator add
 * documents (title, version, date, roles, levels, a card or step they support) and retire them.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { REAL_SPACE } from '../../../../shared/protocol';
import {
  DOCUMENT_KINDS,
  DOCUMENT_KIND_LABEL,
  type DocumentKind,
  type LibraryDocument,
} from '../../../../shared/files/model';
import {
  LEVELS,
  LEVEL_LABEL,
  ROLES,
  ROLE_LABEL,
  type Level,
  type Role,
} from '../../../../shared/domain/vocabulary';
import { DEFAULT_CARDS } from '../../../../shared/cards';
import { mayKeepLibrary } from '../../../../shared/files/policy';
import { useConsole, actorOf } from '../../store/console';
import { useNow } from '../../hooks';
import { useSubmitOnce } from '../../submitOnce';
import { AckLine } from '../../components/AckLine';
import { fileUrl, sizeText, uploadFile } from '../../files/api';
import { liveDocuments } from '../../files/LinkedDocuments';
import { Markdown } from '../../files/markdown';
import { UploadAnswer } from '../../files/Attachments';
import { DOCUMENT_WORDS } from '../../../../shared/files/sniff';
import '../../files/files.css';

const cardTitle = (id: string) => DEFAULT_CARDS.find((c) => c.id === id)?.title ?? id;
const stepText = (cardId: string, stepId: string) =>
  DEFAULT_CARDS.find((c) => c.id === cardId)?.steps.find((s) => s.id === stepId)?.text ?? stepId;

/** Every card and step a document can support, as `card` or `card/step`. */
const LINK_OPTIONS = DEFAULT_CARDS.flatMap((c) => [
  { value: c.id, label: c.title },
  ...c.steps.map((s) => ({ value: `${c.id}/${s.id}`, label: `${c.title} – ${s.text}` })),
]);
const parseLink = (v: string) => {
  const [cardId, stepId] = v.split('/');
  return stepId ? { cardId: cardId!, stepId } : { cardId: cardId! };
};

function MarkdownReader({ doc }: { doc: LibraryDocument }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch(fileUrl(REAL_SPACE, doc.hash), { credentials: 'same-origin' })
      .then(async (r) => {
        if (!r.ok) throw new Error(String(r.status));
        const t = await r.text();
        if (live) setText(t);
      })
      .catch(
        () =>
          live &&
          setError('Dokumentet kunde inte hämtas (och finns inte sparat för läsning utan nät).'),
      );
    return () => {
      live = false;
    };
  }, [doc.hash]);
  if (error)
    return (
      <p className="ack ack-refused" role="alert">
        {error}
      </p>
    );
  if (text === null) return <p className="muted">Hämtar…</p>;
  return <Markdown text={text} />;
}

function DocumentRow({
  doc,
  keeper,
  open,
  onToggle,
}: {
  doc: LibraryDocument;
  keeper: boolean;
  open: boolean;
  onToggle: () => void;
}) {
  const uid = useId();
  const { submit, ack, busy } = useSubmitOnce(`doc:${doc.id}`);
  const [link, setLink] = useState('');
  const pdf = doc.mediaType === 'application/pdf';
  return (
    <li data-testid={`doc-${doc.id}`}>
      <p className="doc-title">{doc.title}</p>
      <p className="doc-meta">
        {DOCUMENT_KIND_LABEL[doc.kind]} · version {doc.version} · {doc.date} ·{' '}
        {pdf ? 'PDF' : 'Markdown'}, {sizeText(doc.size)}
      </p>
      <p className="doc-meta">
        För: {doc.roles.length ? doc.roles.map((r) => ROLE_LABEL[r]).join(', ') : 'alla'}
        {doc.levels.length > 0 && <> · Nivå: {doc.levels.map((l) => LEVEL_LABEL[l]).join(', ')}</>}
      </p>
      {doc.links.length > 0 && (
        <p className="doc-meta">
          Kopplat till:{' '}
          {doc.links
            .map((l) =>
              l.stepId
                ? `${cardTitle(l.cardId)} – ${stepText(l.cardId, l.stepId)}`
                : cardTitle(l.cardId),
            )
            .join('; ')}
        </p>
      )}
      <div className="doc-actions">
        {pdf ? (
          <a
            className="btn-secondary"
            href={fileUrl(REAL_SPACE, doc.hash)}
            target="_blank"
            rel="noopener"
          >
            Öppna PDF
          </a>
        ) : (
          <button type="button" className="btn-secondary" aria-expanded={open} onClick={onToggle}>
            {open ? 'Stäng' : 'Läs'}
          </button>
        )}
        <a className="btn-quiet" href={fileUrl(REAL_SPACE, doc.hash, true)}>
          Ladda ned
        </a>
        {keeper && (
          <button
            type="button"
            className="btn-quiet"
            disabled={busy}
            onClick={() => submit('document.retire', { documentId: doc.id }, REAL_SPACE)}
          >
            Dra tillbaka
          </button>
        )}
      </div>
      {keeper && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!link) return;
            submit(
              'document.update',
              { documentId: doc.id, links: [...doc.links, parseLink(link)] },
              REAL_SPACE,
            );
            setLink('');
          }}
        >
          <label htmlFor={`${uid}-l`}>Koppla till åtgärdskort eller steg</label>
          <select id={`${uid}-l`} value={link} onChange={(e) => setLink(e.target.value)}>
            <option value="">Välj kort eller steg</option>
            {LINK_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-secondary" disabled={busy || !link}>
            Koppla
          </button>
        </form>
      )}
      <AckLine ack={ack} okText="Dokumentet är ändrat." />
      {open && !pdf && <MarkdownReader doc={doc} />}
    </li>
  );
}

function UploadForm() {
  const uid = useId();
  const actingFor = useConsole((s) => s.actingFor);
  const announce = useConsole((s) => s.announce);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('crisis_plan');
  const [version, setVersion] = useState('');
  const [date, setDate] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [levels, setLevels] = useState<Level[]>([]);
  const [link, setLink] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const toggle = <T,>(list: T[], x: T) =>
    list.includes(x) ? list.filter((y) => y !== x) : [...list, x];
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    const r = await uploadFile(
      '/api/library/documents',
      REAL_SPACE,
      {
        title,
        kind,
        version,
        date,
        name: file.name,
        roles,
        levels,
        links: link ? [parseLink(link)] : [],
      },
      file,
      actingFor,
    );
    setBusy(false);
    if (!r.ok) return setResult({ ok: false, text: r.message });
    setTitle('');
    setVersion('');
    setDate('');
    setRoles([]);
    setLevels([]);
    setLink('');
    setFile(null);
    if (input.current) input.current.value = '';
    setResult({ ok: true, text: 'Dokumentet finns nu i biblioteket.' });
    announce('Dokumentet finns nu i biblioteket.');
  };
  return (
    <form className="card doc-upload" onSubmit={(e) => void send(e)} aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Lägg till dokument</h2>
      <p className="muted">{DOCUMENT_WORDS}, högst 20 MB.</p>
      <div className="attach-pick">
        <label className="btn-secondary file-button">
          Välj fil
          <input
            ref={input}
            className="sr-only"
            type="file"
            accept="application/pdf,.pdf,.md,text/markdown"
            required
            disabled={busy}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="doc-file"
          />
        </label>
        <span className="muted">
          {file ? `${file.name} (${sizeText(file.size)})` : 'Ingen fil vald'}
        </span>
      </div>
      <label htmlFor={`${uid}-t`}>Titel</label>
      <input
        id={`${uid}-t`}
        required
        maxLength={200}
        value={title}
        disabled={busy}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label htmlFor={`${uid}-k`}>Slag</label>
      <select
        id={`${uid}-k`}
        value={kind}
        disabled={busy}
        onChange={(e) => setKind(e.target.value as DocumentKind)}
      >
        {DOCUMENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {DOCUMENT_KIND_LABEL[k]}
          </option>
        ))}
      </select>
      <label htmlFor={`${uid}-v`}>Version</label>
      <input
        id={`${uid}-v`}
        required
        maxLength={40}
        value={version}
        disabled={busy}
        onChange={(e) => setVersion(e.target.value)}
      />
      <label htmlFor={`${uid}-d`}>Datum</label>
      <input
        id={`${uid}-d`}
        type="date"
        required
        value={date}
        disabled={busy}
        onChange={(e) => setDate(e.target.value)}
      />
      <fieldset>
        <legend>För roller (ingen vald: alla)</legend>
        <div className="tag-row">
          {ROLES.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                disabled={busy}
                onChange={() => setRoles(toggle(roles, r))}
              />{' '}
              {ROLE_LABEL[r]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>För nivåer (ingen vald: alla)</legend>
        <div className="tag-row">
          {LEVELS.map((l) => (
            <label key={l} className="check">
              <input
                type="checkbox"
                checked={levels.includes(l)}
                disabled={busy}
                onChange={() => setLevels(toggle(levels, l))}
              />{' '}
              {LEVEL_LABEL[l]}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${uid}-l`}>Stöd för åtgärdskort eller steg (valfritt)</label>
      <select
        id={`${uid}-l`}
        value={link}
        disabled={busy}
        onChange={(e) => setLink(e.target.value)}
        data-testid="doc-link"
      >
        <option value="">Inget</option>
        {LINK_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy}>
        {busy ? 'Laddar upp…' : 'Lägg till'}
      </button>
      <UploadAnswer result={result} />
    </form>
  );
}

const openFromHash = (): string | null => {
  const q = window.location.hash.split('?')[1];
  return q ? new URLSearchParams(q).get('dokument') : null;
};

export function LibraryScreen() {
  const real = useConsole((s) => s.spaces[REAL_SPACE]);
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const now = useNow(60_000);
  const actor = actorOf({ me, actingFor });
  const keeper = !!actor && !!real && mayKeepLibrary(actor, real, now);
  const [open, setOpen] = useState<string | null>(openFromHash);
  useEffect(() => {
    const cb = () => setOpen(openFromHash());
    window.addEventListener('hashchange', cb);
    return () => window.removeEventListener('hashchange', cb);
  }, []);
  const docs = liveDocuments(real).sort(
    (a, b) =>
      DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind) ||
      b.date.localeCompare(a.date) ||
      a.title.localeCompare(b.title, 'sv'),
  );
  return (
    <div className="library">
      <section className="card">
        <h1 id="library-h">Dokumentbibliotek</h1>
        <p className="muted">
          Stadens planer och instruktioner som du har behörighet att läsa. De sparas på enheten så
          att du kan läsa dem utan nät; de tas bort när du loggar ut.
        </p>
        {docs.length === 0 ? (
          <p className="muted">Biblioteket är tomt.</p>
        ) : (
          <ul className="doc-list">
            {docs.map((d) => (
              <DocumentRow
                key={d.id}
                doc={d}
                keeper={keeper}
                open={open === d.id}
                onToggle={() => setOpen(open === d.id ? null : d.id)}
              />
            ))}
          </ul>
        )}
      </section>
      {keeper && <UploadForm />}
    </div>
  );
}
