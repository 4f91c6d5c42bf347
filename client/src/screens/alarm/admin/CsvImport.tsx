/** The contact directory's CSV export and import, with the report of the rows it rejected. */
import { useId, useState } from 'react';
import { Field } from '../../../components/bits';
import { BusyButton, DataTable } from '../../../components/adminKit';
import { useConsole } from '../../../store/console';
import { plural } from '../../../../../shared/text/plural';

interface ImportResult {
  imported: number;
  valid: number;
  rejected: { line: number; reason: string }[];
  dryRun: boolean;
}

/** The file is reviewed (a dry run) before it is imported; both send the same file. */
const UPLOADS = [
  { dryRun: true, className: 'btn-secondary', label: 'Granska filen' },
  { dryRun: false, className: 'btn-primary', label: 'Importera' },
] as const;

export function CsvImport() {
  const uid = useId();
  const space = useConsole((s) => s.currentSpace);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(
        `/api/alarm/contacts/import?space=${encodeURIComponent(space)}${dryRun ? '&dryRun=1' : ''}`,
        {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'text/csv' },
          body: await file.text(),
        },
      );
      const body = (await res.json()) as ImportResult & { error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? `Servern svarade ${res.status}.`);
      setResult(body);
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>CSV</h3>
      <p>
        <a href={`/api/alarm/contacts.csv?space=${encodeURIComponent(space)}`} download>
          Exportera kontakter (CSV)
        </a>
      </p>
      <Field
        label="Importera kontakter från CSV"
        id={`${uid}-f`}
        hint="Kolumner: id;namn;telefon;epost;roll;titel;stadsdelsomrade;enhet;konto;tillganglig"
      >
        <input
          id={`${uid}-f`}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${uid}-f-hint`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
          }}
        />
      </Field>
      <div className="actions">
        {UPLOADS.map(({ dryRun, className, label }) => (
          <BusyButton
            key={label}
            className={className}
            ready={!!file}
            busy={busy}
            onClick={() => void upload(dryRun)}
          >
            {label}
          </BusyButton>
        ))}
      </div>
      {error && (
        <p className="ack ack-refused" role="alert">
          ✗ {error}
        </p>
      )}
      {result && (
        <div className="import-report" data-testid="import-report">
          <p role="status">
            {result.dryRun
              ? `Granskning: ${result.valid} rader kan importeras.`
              : `✓ ${result.imported} kontakter importerade.`}{' '}
            {result.rejected.length === 0
              ? 'Inga rader avvisades.'
              : `${plural(result.rejected.length, 'rad', 'rader')} avvisades:`}
          </p>
          {result.rejected.length > 0 && (
            <DataTable
              cols={['Rad', 'Varför']}
              role="alert"
              aria-label="Avvisade rader"
              rows={result.rejected}
              row={(r) => (
                <tr key={`${r.line}-${r.reason}`}>
                  <td>{r.line}</td>
                  <td>
                    <span aria-hidden="true">✕</span> {r.reason}
                  </td>
                </tr>
              )}
            />
          )}
        </div>
      )}
    </section>
  );
}
