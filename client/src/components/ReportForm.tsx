import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  CRISIS_SUPPORT_LABEL,
  CRISIS_SUPPORT_STATES,
  DISTRICT_STATUSES,
  DISTRICT_STATUS_LABEL,
  type CrisisSupportState,
  type DistrictStatus,
} from '../../../shared/domain/vocabulary';
import type { DistrictSituationReport } from '../../../shared/domain/state';
import { useSubmitOnce } from '../submitOnce';
import { useConsole } from '../store/console';
import { drafts } from '../store/localCache';
import { useUi } from '../store/ui';
import { hhmm } from '../format';
import { AckLine } from './AckLine';
import { Field } from './bits';
import { Icon } from './Icon';

/** What the officer writes of a report, kept as a draft until it is sent. */
type Draft = Pick<
  DistrictSituationReport,
  'status' | 'happened' | 'consequences' | 'actions' | 'needs' | 'crisisSupport'
> & {
  /** Minutes from sending until the next report is due. */
  nextInMinutes: number;
};

const fromReport = (r: DistrictSituationReport | undefined): Draft => ({
  status: r?.status ?? 'normal',
  happened: r?.happened ?? '',
  consequences: r?.consequences ?? '',
  actions: r?.actions ?? '',
  needs: r?.needs ?? '',
  crisisSupport: r?.crisisSupport ?? 'not_active',
  nextInMinutes: 60,
});

/** What survives a reload: the text typed and the report it was written against. */
interface SavedDraft {
  draft: Draft;
  basedOn: string | null;
}

const fromPayload = (p: Record<string, unknown>, fallback: Draft): Draft => {
  const s = (k: keyof Draft) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  return {
    ...fallback,
    status: (s('status') as DistrictStatus | undefined) ?? fallback.status,
    happened: s('happened') ?? '',
    consequences: s('consequences') ?? '',
    actions: s('actions') ?? '',
    needs: s('needs') ?? '',
    crisisSupport: (s('crisisSupport') as CrisisSupportState | undefined) ?? fallback.crisisSupport,
  };
};

export const NEXT_REPORT_CHOICES = [15, 30, 60, 120, 180, 240, 480];

/**
 * The structured situation report (lägesrapport). What is typed stays in the form while the
 * connection is down; the command waits in the outbox and the form shows that it does.
 */
export function ReportForm({
  districtId,
  latest,
}: {
  districtId: string;
  latest: DistrictSituationReport | undefined;
}) {
  const uid = useId();
  const origin = `report:${districtId}`;
  const {
    submit: send,
    ack,
    busy,
  } = useSubmitOnce(origin, {
    onSaved: () => setDirty(false),
    holdWhileQueued: true,
  });
  const userId = useConsole((s) => s.me?.userId ?? 'anonymous');
  const [saved] = useState(() => drafts.get<SavedDraft>(userId, origin));
  const [draft, setDraft] = useState<Draft>(() => saved?.draft ?? fromReport(latest));
  /** The report the officer started from; a different latest one means someone else reported. */
  const [basedOn, setBasedOn] = useState<string | null>(() =>
    saved ? saved.basedOn : (latest?.id ?? null),
  );
  const [error, setError] = useState<string | null>(null);

  /** True once the officer has typed: then the form no longer follows new reports by itself. */
  const [dirty, setDirty] = useState(!!saved);

  // Typed text survives a reload (and a crash) until it is sent.
  useEffect(() => {
    if (dirty) drafts.set<SavedDraft>(userId, origin, { draft, basedOn });
  }, [dirty, draft, basedOn, userId, origin]);

  // The conflict view hands a queued version back to be merged on top of the latest report.
  const merge = useUi((u) => u.merge);
  const [mergedN, setMergedN] = useState(0);
  useEffect(() => {
    if (!merge || merge.districtId !== districtId || merge.n === mergedN) return;
    setMergedN(merge.n);
    setDirty(true);
    setBasedOn(merge.basedOnReportId);
    setDraft((d) => fromPayload(merge.payload, d));
  }, [merge, mergedN, districtId]);

  // A clean form follows the latest report (ours or a no-change confirmation).
  const latestId = latest?.id ?? null;
  useEffect(() => {
    if (dirty) return;
    setBasedOn(latestId);
    setDraft(fromReport(latest));
  }, [latestId, dirty]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDirty(true);
    setDraft((d) => ({ ...d, [k]: v }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const due = new Date(Date.now() + draft.nextInMinutes * 60_000).toISOString();
    if (!draft.happened.trim()) return setError('Beskriv vad som har hänt.');
    setError(null);
    // From here the outbox holds it (and survives a reload); the draft's job is done.
    drafts.set(userId, origin, null);
    send('district.report', {
      districtId,
      basedOnReportId: basedOn,
      status: draft.status,
      happened: draft.happened,
      consequences: draft.consequences,
      actions: draft.actions,
      needs: draft.needs,
      crisisSupport: draft.crisisSupport,
      nextReportDue: due,
    });
  };
  const stale = ack?.status === 'refused' && ack.code === 'STALE';
  return (
    <form className="report-form" onSubmit={submit} aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>Ny lägesrapport</h3>
      <div className="row2">
        <Field label="Status" id={`${uid}-status`}>
          <select
            id={`${uid}-status`}
            value={draft.status}
            onChange={(e) => set('status', e.target.value as DistrictStatus)}
          >
            {DISTRICT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {DISTRICT_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Krisstöd" id={`${uid}-cs`}>
          <select
            id={`${uid}-cs`}
            value={draft.crisisSupport}
            onChange={(e) => set('crisisSupport', e.target.value as CrisisSupportState)}
          >
            {CRISIS_SUPPORT_STATES.map((s) => (
              <option key={s} value={s}>
                {CRISIS_SUPPORT_LABEL[s]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Vad har hänt (obligatoriskt)" id={`${uid}-happened`}>
        <textarea
          id={`${uid}-happened`}
          required
          rows={3}
          value={draft.happened}
          onChange={(e) => set('happened', e.target.value)}
        />
      </Field>
      <Field label="Konsekvenser för samhällsviktig verksamhet" id={`${uid}-cons`}>
        <textarea
          id={`${uid}-cons`}
          rows={2}
          value={draft.consequences}
          onChange={(e) => set('consequences', e.target.value)}
        />
      </Field>
      <Field label="Vidtagna åtgärder" id={`${uid}-act`}>
        <textarea
          id={`${uid}-act`}
          rows={2}
          value={draft.actions}
          onChange={(e) => set('actions', e.target.value)}
        />
      </Field>
      <Field label="Behov" id={`${uid}-needs`}>
        <textarea
          id={`${uid}-needs`}
          rows={2}
          value={draft.needs}
          onChange={(e) => set('needs', e.target.value)}
        />
      </Field>
      <Field label="Nästa rapport" id={`${uid}-due`}>
        <select
          id={`${uid}-due`}
          value={draft.nextInMinutes}
          onChange={(e) => set('nextInMinutes', Number(e.target.value))}
        >
          {NEXT_REPORT_CHOICES.map((m) => (
            <option key={m} value={m}>
              om {m < 60 ? `${m} min` : `${m / 60} h`} (kl.{' '}
              {hhmm(new Date(Date.now() + m * 60_000).toISOString())})
            </option>
          ))}
        </select>
      </Field>
      {error && (
        <p className="ack ack-refused" role="alert">
          ✗ {error}
        </p>
      )}
      {merge?.districtId === districtId && merge.n === mergedN && dirty && (
        <p className="notice" role="status">
          Din version från konflikten står i formuläret och skickas som ändring av den senaste
          rapporten. Jämför, ändra och skicka.
        </p>
      )}
      {stale ? (
        <p className="ack ack-refused" role="alert">
          <Icon name="warning" /> Konflikt: läget har ändrats sedan du skrev. Välj vad som ska gälla
          i konfliktrutan överst.
        </p>
      ) : (
        <AckLine ack={ack} okText="Lägesrapporten är sparad." />
      )}
      <div className="actions">
        <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy || undefined}>
          Skicka lägesrapport
        </button>
      </div>
    </form>
  );
}
