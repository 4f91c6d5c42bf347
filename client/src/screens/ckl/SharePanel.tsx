/**
 * Sharing the approved situation report with partners outside the city (R90–R99): make a link
 * (shown once), see every link with its openings per recipient, revoke one at once.
 */
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import {
  SHARE_MAX_DAYS,
  SHARE_STATUS_LABEL,
  shareStatus,
  type Share,
} from '../../../../shared/domain/share';
import type { SituationReportVersion } from '../../../../shared/domain/ckl';
import type { CityState } from '../../../../shared/domain/state';
import { allShares } from '../../../../shared/views/share';
import { maySeeShares } from '../../../../shared/policy/share';
import { AckLine } from '../../components/AckLine';
import { Field } from '../../components/bits';
import { useCityState, useMay, useNow } from '../../hooks';
import { useConsole } from '../../store/console';
import { dayTime } from '../../format';
import { Badge, Card, localToIso, TextField, TimeField } from '../../components/kit';
import { RefusedLine } from '../../components/formRows';
import { createShare, shareViews, type CreatedShare, type ShareViews } from './shareApi';
import { plural } from '../../../../shared/text/plural';
import { lookup } from '../../../../shared/domain/keyed';
import { useSubmitOnce } from '../../submitOnce';
import type { AnyCommand } from '../../../../shared/commands';

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DDTHH:mm` in local time, `days` from now. */
function localInDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const newId = () =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `share-${Date.now()}-${Math.random().toString(36).slice(2)}`;

const approved = (s: CityState): SituationReportVersion[] =>
  Object.values(s.ckl.sitreps)
    .filter((r) => r.status === 'approved')
    .sort((a, b) => (b.approvedAt ?? '').localeCompare(a.approvedAt ?? ''));

function scopeOf(s: CityState, r: { eventId?: string }): string {
  if (!r.eventId) return 'Hela staden';
  return lookup(s.events, r.eventId)?.title ?? 'Händelse';
}

/** The link, once: copy it now, it is not kept anywhere. */
function ShownOnce({ made, onDone }: { made: CreatedShare; onDone: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = () => {
    const done = (ok: boolean) => setCopied(ok ? 'yes' : 'no');
    if (navigator.clipboard)
      navigator.clipboard.writeText(made.url).then(
        () => done(true),
        () => done(false),
      );
    else done(false);
  };
  return (
    <div className="share-once" role="status" data-testid="share-link">
      <p>
        <strong>Länken är skapad.</strong> Den visas bara nu: kopiera den och skicka den till
        mottagaren. Staden sparar inte länken, bara att den finns.
      </p>
      <Field label="Länk till den delade lägesbilden" id={id}>
        <input id={id} readOnly value={made.url} onFocus={(e) => e.target.select()} />
      </Field>
      <div className="actions">
        <button type="button" className="btn-primary" onClick={copy}>
          Kopiera länken
        </button>
        <button type="button" className="btn-quiet" onClick={onDone}>
          Klar, länken är sparad
        </button>
      </div>
      {copied === 'yes' && <p className="ack ack-ok">✓ Länken är kopierad.</p>}
      {copied === 'no' && (
        <p className="ack ack-refused" role="alert">
          Kunde inte kopiera. Markera länken i fältet och kopiera den själv.
        </p>
      )}
    </div>
  );
}

function NewShare() {
  const state = useCityState();
  const space = useConsole((s) => s.currentSpace);
  const actingFor = useConsole((s) => s.actingFor);
  const reports = approved(state);
  const actors = useMemo(
    () =>
      Object.values(state.ckl.actors)
        .filter((a) => a.active)
        .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    [state.ckl.actors],
  );
  const [sitrepId, setSitrepId] = useState('');
  const [follow, setFollow] = useState(true);
  const [recipient, setRecipient] = useState('lansstyrelsen-stockholm');
  const [other, setOther] = useState('');
  const [expires, setExpires] = useState(localInDays(7));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<CreatedShare | null>(null);
  const ids = { report: useId(), recipient: useId(), follow: useId() };
  const chosen = reports.find((r) => r.id === sitrepId) ?? reports[0];
  const may = useMay('share.create', {
    sitrepId: chosen?.id ?? 'x',
    recipient: { kind: 'other', name: 'x' },
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    tokenHash: '0'.repeat(64),
  });
  if (!may) return null;
  if (made) return <ShownOnce made={made} onDone={() => setMade(null)} />;
  if (!chosen)
    return (
      <p className="muted">
        Ingen godkänd lägesbild att dela ännu. Stabschefen godkänner en version först.
      </p>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const expiresAt = localToIso(expires);
    if (!expiresAt) return setError('Ange till när länken ska gälla.');
    if (recipient === 'other' && !other.trim()) return setError('Ange mottagaren.');
    setBusy(true);
    setError(null);
    try {
      const r = await createShare({
        id: newId(),
        space,
        ...(actingFor ? { actingFor } : {}),
        sitrepId: chosen.id,
        follow,
        recipient:
          recipient === 'other'
            ? { kind: 'other', name: other.trim() }
            : { kind: 'actor', actorId: recipient },
        expiresAt,
      });
      setMade(r);
      setOther('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="action" data-testid="new-share" open>
      <summary>Dela lägesbilden med en samverkanspart</summary>
      <form onSubmit={(e) => void submit(e)}>
        <Field label="Lägesbild" id={ids.report}>
          <select id={ids.report} value={chosen.id} onChange={(e) => setSitrepId(e.target.value)}>
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {scopeOf(state, r)}: {r.title} (version {r.version})
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>Vad länken visar</legend>
          <label className="check">
            <input
              type="radio"
              name={ids.follow}
              checked={follow}
              onChange={() => setFollow(true)}
            />{' '}
            Alltid den senast godkända versionen (följer varje nytt godkännande)
          </label>
          <label className="check">
            <input
              type="radio"
              name={ids.follow}
              checked={!follow}
              onChange={() => setFollow(false)}
            />{' '}
            Bara version {chosen.version}
          </label>
        </fieldset>
        <Field label="Mottagare" id={ids.recipient}>
          <select
            id={ids.recipient}
            value={recipient}
            onChange={(e) => setRecipient(e.target.value)}
          >
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            <option value="other">Annan mottagare (skriv namnet)</option>
          </select>
        </Field>
        {recipient === 'other' && (
          <TextField label="Mottagarens namn" value={other} onChange={setOther} required />
        )}
        <TimeField
          label={`Länken gäller till (högst ${SHARE_MAX_DAYS} dagar)`}
          value={expires}
          onChange={setExpires}
          required
        />
        <p className="hint">
          Mottagaren ser den godkända texten och stadsdelsområdenas läge när den godkändes – aldrig
          utkast, konfidentiella anteckningar eller namn på medarbetare.
        </p>
        <RefusedLine error={error} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? 'Skapar länken…' : 'Skapa länk'}
        </button>
      </form>
    </details>
  );
}

const STATUS_SYMBOL = { active: '●', expired: '○', revoked: '✗' } as const;

function views(v: ShareViews | undefined): string {
  if (!v || v.count === 0) return 'Inte öppnad ännu';
  const feeds = v.byKind.atom + v.byKind.jsonfeed;
  const files = v.byKind.pdf + v.byKind.json + v.byKind.geojson;
  const parts = [plural(v.byKind.page, 'sidvisning', 'sidvisningar')];
  if (files) parts.push(plural(files, 'nedladdning', 'nedladdningar'));
  if (feeds) parts.push(`flödet hämtat ${plural(feeds, 'gång', 'gånger')}`);
  return `${parts.join(', ')} · ${v.visitors}${v.visitorsCapped ? '+' : ''} besökare · senast ${dayTime(v.lastAt)}`;
}

/** Revoking is a command like any other; its answer stays under the row once it is revoked. */
function Revoke({ share, send }: { share: Share; send: (cmd: AnyCommand) => string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const may = useMay('share.revoke', { shareId: share.id });
  if (!may) return null;
  if (!open)
    return (
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>
        Återkalla…
      </button>
    );
  return (
    <form
      className="revoke-box"
      onSubmit={(e) => {
        e.preventDefault();
        send({ type: 'share.revoke', payload: { shareId: share.id, reason } });
      }}
    >
      <TextField label="Varför (frivilligt)" value={reason} onChange={setReason} />
      <div className="actions">
        <button type="submit" className="btn-primary">
          Återkalla länken nu
        </button>
        <button type="button" className="btn-quiet" onClick={() => setOpen(false)}>
          Avbryt
        </button>
      </div>
    </form>
  );
}

function ShareRow({ share, v, now }: { share: Share; v?: ShareViews; now: string }) {
  const state = useCityState();
  const status = shareStatus(share, now);
  const { submit: send, ack } = useSubmitOnce(`share:${share.id}`);
  const report = Object.hasOwn(state.ckl.sitreps, share.sitrepId)
    ? lookup(state.ckl.sitreps, share.sitrepId)
    : undefined;
  return (
    <li className="item share-row" data-testid="share-row">
      <p className="item-meta">
        <Badge kind={`share-${status}`}>
          <span aria-hidden="true">{STATUS_SYMBOL[status]}</span> {SHARE_STATUS_LABEL[status]}
        </Badge>{' '}
        {share.follow
          ? `Följer senaste godkända: ${scopeOf(state, share)}`
          : `${report?.title ?? 'Lägesbild'} (version ${share.fromVersion})`}
      </p>
      <p className="small">
        Skapad {dayTime(share.createdAt)} av {share.createdBy.name} ·{' '}
        {status === 'revoked'
          ? `återkallad ${dayTime(share.revoked?.at)} av ${share.revoked?.by.name ?? ''}${share.revoked?.reason ? `: ${share.revoked.reason}` : ''}`
          : `${status === 'expired' ? 'gällde' : 'gäller'} till ${dayTime(share.expiresAt)}`}
      </p>
      <p className="small" data-testid="share-views">
        {views(v)}
      </p>
      {status === 'active' && <Revoke share={share} send={(c) => send(c.type, c.payload)} />}
      <AckLine ack={ack} okText="Länken är återkallad. Nästa försök att öppna den nekas." />
    </li>
  );
}

function ShareList() {
  const state = useCityState();
  const space = useConsole((s) => s.currentSpace);
  const now = useNow(30_000);
  const shares = allShares(state);
  const [byShare, setByShare] = useState<Map<string, ShareViews>>(new Map());
  const [failed, setFailed] = useState(false);
  const count = shares.length;
  const load = useCallback(() => {
    shareViews(space).then(
      (list) => {
        setByShare(new Map(list.map((v) => [v.shareId, v])));
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [space]);
  useEffect(() => {
    if (count === 0) return;
    load();
    const t = setInterval(load, 30_000);
    return () => clearInterval(t);
  }, [load, count]);
  if (count === 0) return <p className="muted">Inga delade länkar ännu.</p>;
  const groups = new Map<string, Share[]>();
  for (const s of shares) {
    const key = s.recipient.name;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return (
    <div data-testid="share-list">
      {failed && <p className="notice">Visningarna kan inte hämtas just nu.</p>}
      {[...groups].map(([recipient, list]) => {
        const total = list.reduce((n, s) => n + (byShare.get(s.id)?.count ?? 0), 0);
        return (
          <section key={recipient} className="share-group" aria-label={`Delat med ${recipient}`}>
            <h3>
              {recipient}{' '}
              <span className="muted small">
                · {plural(list.length, 'länk', 'länkar')} · {plural(total, 'öppning', 'öppningar')}
              </span>
            </h3>
            <ul className="plain">
              {list.map((s) => (
                <ShareRow key={s.id} share={s} v={byShare.get(s.id)} now={now} />
              ))}
            </ul>
          </section>
        );
      })}
      <button type="button" className="btn-link" onClick={load}>
        Uppdatera visningarna
      </button>
    </div>
  );
}

/** The card in the analysis function's and the CKL lead's workspaces. */
export function SharePanel() {
  const me = useConsole((s) => s.me);
  if (!me || !maySeeShares(me)) return null;
  return (
    <Card title="Delat med samverkansparter" testId="share-panel">
      <NewShare />
      <ShareList />
    </Card>
  );
}
