/**
 * A queued report the server refused because the district changed meanwhile (STALE, R17):
 * the officer's version beside the latest report (who, when), and a choice. Nothing is sent or
 * dropped until they choose; a difference is marked with a word and a sign, not colour alone.
 */
import { useState } from 'react';
import {
  CRISIS_SUPPORT_LABEL,
  DISTRICT_STATUS_LABEL,
  type CrisisSupportState,
  type DistrictStatus,
} from '../../../../shared/domain/vocabulary';
import type { DistrictSituationReport } from '../../../../shared/domain/state';
import { consoleStore, selectState, useConsole } from '../../store/console';
import type { PendingCommand } from '../../store/outbox';
import { useUi } from '../../store/ui';
import { dayTime, hhmm } from '../../format';
import { Icon } from '../../components/Icon';

type Fields = Pick<
  DistrictSituationReport,
  'status' | 'happened' | 'consequences' | 'actions' | 'needs' | 'crisisSupport' | 'nextReportDue'
>;

const ROWS: { key: keyof Fields; label: string; show: (f: Fields) => string }[] = [
  { key: 'status', label: 'Status', show: (f) => DISTRICT_STATUS_LABEL[f.status] ?? f.status },
  { key: 'happened', label: 'Vad har hänt', show: (f) => f.happened },
  { key: 'consequences', label: 'Konsekvenser', show: (f) => f.consequences },
  { key: 'actions', label: 'Vidtagna åtgärder', show: (f) => f.actions },
  { key: 'needs', label: 'Behov', show: (f) => f.needs },
  {
    key: 'crisisSupport',
    label: 'Krisstöd',
    show: (f) => CRISIS_SUPPORT_LABEL[f.crisisSupport] ?? f.crisisSupport,
  },
  { key: 'nextReportDue', label: 'Nästa rapport', show: (f) => `kl. ${hhmm(f.nextReportDue)}` },
];

function mineAsFields(c: PendingCommand, latest: DistrictSituationReport | undefined): Fields {
  const p = c.payload as Partial<Fields>;
  if (c.type === 'district.confirmNoChange' && latest)
    return { ...latest, nextReportDue: p.nextReportDue ?? latest.nextReportDue };
  return {
    status: (p.status ?? 'normal') as DistrictStatus,
    happened: p.happened ?? '',
    consequences: p.consequences ?? '',
    actions: p.actions ?? '',
    needs: p.needs ?? '',
    crisisSupport: (p.crisisSupport ?? 'not_active') as CrisisSupportState,
    nextReportDue: p.nextReportDue ?? '',
  };
}

export function ConflictView({ cmd }: { cmd: PendingCommand }) {
  const state = useConsole(selectState);
  const startMerge = useUi((u) => u.startMerge);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const conflict = cmd.conflict;
  if (!conflict) return null;
  const latest = conflict.latestReportId ? state.reports[conflict.latestReportId] : undefined;
  const districtId = (cmd.payload as { districtId: string }).districtId;
  const districtName = state.districts[districtId]?.name ?? districtId;
  const noChange = cmd.type === 'district.confirmNoChange';
  const mine = mineAsFields(cmd, latest);
  const headId = `conflict-${cmd.id}-h`;
  const resolve = (choice: 'mine' | 'edit' | 'discard') =>
    consoleStore.getState().resolveConflict(cmd.id, choice);

  return (
    <section className="conflict" aria-labelledby={headId} data-testid="conflict">
      <h2 id={headId}>
        <Icon name="warning" /> Konflikt: {districtName} har fått en ny rapport medan du var offline
      </h2>
      <p>
        Din {noChange ? 'bekräftelse att inget är nytt' : 'lägesrapport'} är inte skickad. Ingen
        version har skrivits över. Jämför och välj vad som ska gälla.
      </p>
      <table className="conflict-table">
        <caption className="sr-only">Din version jämförd med den senaste rapporten</caption>
        <thead>
          <tr>
            <th scope="col">Fält</th>
            <th scope="col" data-testid="conflict-mine-head">
              Din version (ej skickad)
              <span className="conflict-who">
                {noChange ? 'Inget nytt' : 'Skriven'} kl. {hhmm(cmd.createdAt)}
              </span>
            </th>
            <th scope="col" data-testid="conflict-theirs-head">
              Senaste rapporten
              <span className="conflict-who">
                {latest
                  ? `${latest.by.name}, ${dayTime(latest.at)}${latest.noChange ? ' (inget nytt)' : ''}`
                  : conflict.latestReportId
                    ? 'Hämtar…'
                    : 'Ingen rapport'}
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => {
            const a = row.show(mine);
            const b = latest ? row.show(latest) : '–';
            const differs = !!latest && a !== b;
            return (
              <tr key={row.key} className={differs ? 'differs' : undefined}>
                <th scope="row">
                  {row.label}
                  {differs && <span className="differs-mark"> ≠ skiljer</span>}
                </th>
                <td>{a || '–'}</td>
                <td>{b || '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="conflict-actions" role="group" aria-label="Välj vad som ska gälla">
        <button
          type="button"
          className="btn-primary"
          disabled={!latest && !!conflict.latestReportId}
          onClick={() => resolve('mine')}
        >
          {noChange ? 'Bekräfta ändå: inget nytt sedan den senaste' : 'Skicka min version ändå'}
        </button>
        {!noChange && (
          <button
            type="button"
            className="btn-secondary"
            disabled={!latest && !!conflict.latestReportId}
            onClick={() => {
              startMerge({
                districtId,
                payload: cmd.payload as Record<string, unknown>,
                basedOnReportId: conflict.latestReportId,
              });
              resolve('edit');
            }}
          >
            Redigera och slå samman
          </button>
        )}
        {confirmDiscard ? (
          <>
            <button type="button" className="btn-danger" onClick={() => resolve('discard')}>
              Ja, släng min version
            </button>
            <button type="button" className="btn-quiet" onClick={() => setConfirmDiscard(false)}>
              Avbryt
            </button>
          </>
        ) : (
          <button type="button" className="btn-quiet" onClick={() => setConfirmDiscard(true)}>
            Släng min version
          </button>
        )}
      </div>
    </section>
  );
}

/** Every queued report in conflict, above the workspace, on whatever screen is open. */
export function ConflictArea() {
  const pending = useConsole((s) => s.pending);
  const conflicts = pending.filter((c) => c.conflict);
  if (!conflicts.length) return null;
  return (
    <div className="conflict-area">
      {conflicts.map((c) => (
        <ConflictView key={c.id} cmd={c} />
      ))}
    </div>
  );
}
