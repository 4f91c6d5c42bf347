/**
 * The card library as one YAML file (R239, R240): a link to the export, and an import that
 * always runs as a dry run first: every problem with its line and reason, or what the import
 * would save, retire and leave as it is. Only then is the import confirmed.
 */
import { useId, useRef, useState } from 'react';
import { plural } from '../../../../shared/text/plural';
import { useConsole } from '../../store/console';
import { FileButton } from '../../files/FileButton';
import { BusyButton } from '../../components/adminKit';

/** A deputy acting for the security chief asks as the chief, like every command they send. */
const asking = (actingFor: string | null | undefined, dryRun = false): string => {
  const q = new URLSearchParams();
  if (dryRun) q.set('dryRun', '1');
  if (actingFor) q.set('actingFor', actingFor);
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const exportUrl = (actingFor?: string | null) => `/api/cards/export${asking(actingFor)}`;

export interface ImportSummary {
  saved: string[];
  retired: string[];
  unchanged: string[];
  dryRun: boolean;
}
export interface ImportProblem {
  line?: number;
  where: string;
  message: string;
}
export type ImportAnswer =
  { ok: true; summary: ImportSummary } | { ok: false; message: string; problems: ImportProblem[] };

const NO_CONNECTION = 'Ingen förbindelse med servern. Inget importerades – försök igen.';

/** Sends the file to the import route; `dryRun` changes nothing on the server. */
export async function importCards(
  text: string,
  dryRun: boolean,
  actingFor?: string | null,
): Promise<ImportAnswer> {
  try {
    const res = await fetch(`/api/cards/import${asking(actingFor, dryRun)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/yaml' },
      body: text,
    });
    const body = (await res.json().catch(() => ({}))) as Partial<ImportSummary> & {
      error?: { message?: string; issues?: ImportProblem[] };
    };
    if (!res.ok)
      return {
        ok: false,
        message: body.error?.message ?? `Servern svarade ${res.status}.`,
        problems: body.error?.issues ?? [],
      };
    return {
      ok: true,
      summary: {
        saved: body.saved ?? [],
        retired: body.retired ?? [],
        unchanged: body.unchanged ?? [],
        dryRun: body.dryRun === true,
      },
    };
  } catch {
    return { ok: false, message: NO_CONNECTION, problems: [] };
  }
}

const readText = (f: File): Promise<string> =>
  typeof f.text === 'function'
    ? f.text()
    : new Promise((resolve, reject) => {
        const r = new FileReader();
        r.onload = () => resolve(String(r.result));
        r.onerror = () => reject(r.error);
        r.readAsText(f);
      });

const ids = (list: string[]) => list.join(', ');

function Summary({ s }: { s: ImportSummary }) {
  const changes = s.saved.length + s.retired.length;
  return (
    <div className="cardfile-summary" data-testid="import-summary">
      <p>
        <strong>
          {s.dryRun
            ? changes === 0
              ? 'Filen går att importera men ändrar ingenting.'
              : 'Så här skulle importen ändra biblioteket:'
            : changes === 0
              ? 'Importen ändrade ingenting.'
              : 'Importen är klar.'}
        </strong>
      </p>
      <ul>
        {s.saved.length > 0 && (
          <li>
            {s.dryRun ? 'Sparas som ny version' : 'Sparade som ny version'} (
            {plural(s.saved.length, 'kort', 'kort')}): {ids(s.saved)}
          </li>
        )}
        {s.retired.length > 0 && (
          <li>
            {s.dryRun ? 'Avvecklas' : 'Avvecklade'} ({plural(s.retired.length, 'kort', 'kort')}):{' '}
            {ids(s.retired)}
          </li>
        )}
        <li>
          Oförändrade: {plural(s.unchanged.length, 'kort', 'kort')}
          {s.unchanged.length > 0 && s.unchanged.length <= 20 ? ` (${ids(s.unchanged)})` : ''}
        </li>
      </ul>
    </div>
  );
}

export function CardFile() {
  const uid = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const actingFor = useConsole((s) => s.actingFor);

  const run = async (dryRun: boolean) => {
    if (!file || busy) return;
    setBusy(true);
    const a = await importCards(file.text, dryRun, actingFor);
    setBusy(false);
    setAnswer(a);
    if (a.ok && !a.summary.dryRun) {
      setFile(null);
      if (input.current) input.current.value = '';
    }
  };
  const pick = async (f: File | undefined) => {
    setAnswer(null);
    if (!f) return setFile(null);
    const text = await readText(f);
    setFile({ name: f.name, text });
  };
  const preview = answer?.ok && answer.summary.dryRun ? answer.summary : null;
  const canConfirm = !!preview && preview.saved.length + preview.retired.length > 0;

  return (
    <section className="card cardfile" aria-labelledby={`${uid}-h`} data-testid="card-file">
      <h2 id={`${uid}-h`}>Exportera och importera</h2>
      <p>
        <a
          className="btn-secondary cardfile-export"
          href={exportUrl(actingFor)}
          download="atgardskort.yaml"
        >
          Exportera alla kort (YAML)
        </a>
      </p>
      <p className="muted">
        Hela filen importeras eller ingenting. Du ser först vad importen skulle göra; kort som inte
        ändrats får ingen ny version.
      </p>
      <div className="attach-pick">
        <FileButton
          label="Välj YAML-fil att importera"
          inputRef={input}
          accept=".yaml,.yml,application/yaml,text/yaml,text/plain"
          disabled={busy}
          testId="card-import-file"
          onFile={(f) => void pick(f)}
        />
        <span className="muted" aria-live="polite">
          {file ? file.name : 'Ingen fil vald'}
        </span>
      </div>
      <div className="actions">
        <BusyButton
          className="btn-secondary"
          ready={!!file}
          busy={busy}
          onClick={() => void run(true)}
        >
          Förhandsgranska import
        </BusyButton>
        {canConfirm && (
          <BusyButton className="btn-primary" busy={busy} onClick={() => void run(false)}>
            Importera
          </BusyButton>
        )}
      </div>
      {answer && !answer.ok && (
        <div className="ack ack-refused" role="alert" data-testid="import-problems">
          <p>✗ {answer.message}</p>
          {answer.problems.length > 0 && (
            <ul>
              {answer.problems.map((p, i) => (
                <li key={i}>
                  <strong>{p.line ? `Rad ${p.line}` : 'Filen'}</strong>, {p.where}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {answer?.ok && (
        <div role="status">
          <Summary s={answer.summary} />
        </div>
      )}
    </section>
  );
}
