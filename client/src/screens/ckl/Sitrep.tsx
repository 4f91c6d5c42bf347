/**
 * A situation report (samlad lägesbild) as the lead, the analysis function and the chair read
 * it, and the chair's list of the approved ones.
 */
import type { ReactNode } from 'react';
import {
  SITREP_SECTIONS,
  type SituationReportVersion,
  type SitrepStatus,
} from '../../../../shared/domain/ckl';
import type { CityState } from '../../../../shared/domain/state';
import { useCityState, useMay } from '../../hooks';
import { dayTime } from '../../format';
import { Badge, Card } from '../../components/kit';
import { plural } from '../../../../shared/text/plural';
import { Icon } from '../../components/Icon';
import { lookup } from '../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../submitOnce';
import { ApproveBox } from './ApproveBox';

export const SITREP_STATUS_LABEL: Record<SitrepStatus, string> = {
  draft: 'Utkast – väntar på stabschefen',
  returned: 'Återremitterad',
  approved: 'Godkänd och skickad',
  superseded: 'Ersatt av nyare version',
};
const SITREP_SYMBOL: Record<SitrepStatus, ReactNode> = {
  draft: '✎',
  returned: <Icon name="undo" />,
  approved: '✓',
  superseded: '⊘',
};

export function SitrepStatusTag({ status }: { status: SitrepStatus }) {
  return (
    <Badge kind={`sitrep-${status}`}>
      <span aria-hidden="true">{SITREP_SYMBOL[status]}</span> {SITREP_STATUS_LABEL[status]}
    </Badge>
  );
}

const districtNames = (s: CityState, ids: string[]) =>
  ids.map((id) => lookup(s.districts, id)?.name ?? id).join(', ');

export function SitrepBody({ r }: { r: SituationReportVersion }) {
  const state = useCityState();
  const rows = SITREP_SECTIONS.map(([key, label]) => [label, r[key]] as const);
  return (
    <>
      <dl className="report">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="dl-row">
              <dt>{k}</dt>
              <dd className="basis">{v}</dd>
            </div>
          ))}
      </dl>
      <p className="muted small">
        Underlag: {plural(r.sources.districtReportIds.length, 'rapport', 'rapporter')} från
        stadsdelsområden, {r.sources.unitReportIds.length} från förvaltningar och bolag.
        {r.sources.staleDistrictIds.length > 0 &&
          ` Inaktuella: ${districtNames(state, r.sources.staleDistrictIds)}.`}
        {r.sources.missingDistrictIds.length > 0 &&
          ` Saknas: ${districtNames(state, r.sources.missingDistrictIds)}.`}
      </p>
    </>
  );
}

/** One version with its header; the lead's approve/return controls when it is a draft. */
export function SitrepCard({
  r,
  compact = false,
}: {
  r: SituationReportVersion;
  compact?: boolean;
}) {
  const state = useCityState();
  const e = r.eventId ? lookup(state.events, r.eventId) : undefined;
  return (
    <article className="item" data-testid="sitrep" aria-label={`Lägesbild ${r.title}`}>
      <h3>
        {r.title} <span className="muted">v{r.version}</span>
      </h3>
      <p className="item-meta">
        <SitrepStatusTag status={r.status} /> {e ? `${e.title} · ` : 'Hela staden · '}
        skriven {dayTime(r.draftedAt)} av {r.draftedBy.name}
        {r.approvedAt && ` · godkänd ${dayTime(r.approvedAt)} av ${r.approvedBy?.name ?? ''}`}
      </p>
      {r.returned && (
        <p className="notice">
          <Icon name="undo" /> Återremitterad av {r.returned.by.name}: {r.returned.comment}
        </p>
      )}
      {!compact && <SitrepBody r={r} />}
      {r.status === 'draft' && <ApproveSitrep r={r} />}
    </article>
  );
}

function ApproveSitrep({ r }: { r: SituationReportVersion }) {
  const may = useMay('ckl.approveSitrep', { sitrepId: r.id });
  const { submit: send, ack } = useSubmitOnce(`sitrep:${r.id}`);
  return (
    <ApproveBox
      shown={may}
      approveLabel="Godkänn och skicka till ordföranden och stadsdelsområdena"
      returnLabel="Återremittera lägesbilden"
      onApprove={() => send('ckl.approveSitrep', { sitrepId: r.id })}
      onReturn={(comment) => send('ckl.returnSitrep', { sitrepId: r.id, comment })}
      ack={ack}
    />
  );
}

/** The approved situation reports, newest first: what the chair and the districts receive. */
export function approvedSitreps(state: CityState): SituationReportVersion[] {
  return Object.values(state.ckl.sitreps)
    .filter((r) => r.status === 'approved')
    .sort((a, b) => (b.approvedAt ?? '').localeCompare(a.approvedAt ?? ''));
}

export function ApprovedSitreps({ limit = 3 }: { limit?: number }) {
  const state = useCityState();
  const list = approvedSitreps(state).slice(0, limit);
  return (
    <Card title="Lägesrapporter från CKL" testId="approved-sitreps" className="sitreps-stacked">
      {list.length === 0 ? (
        <p className="muted">Ingen godkänd lägesrapport ännu.</p>
      ) : (
        list.map((r) => <SitrepCard key={r.id} r={r} />)
      )}
    </Card>
  );
}
