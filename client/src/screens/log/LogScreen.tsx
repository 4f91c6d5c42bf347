/**
 * The log, searched and filtered (R229): kind, area, author, time and words, kept in the page
 * address. A live view pages instead of flushing: older entries come from the server page by
 * page, and entries that arrive while the person reads further down wait behind "N nya" rather
 * than moving the list under their eyes.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { LOG_KINDS, LOG_KIND_LABEL, type LogKind } from '../../../../shared/log/search';
import { lookup } from '../../../../shared/domain/keyed';
import { plural } from '../../../../shared/text/plural';
import { useCityState } from '../../hooks';
import { useConsole } from '../../store/console';
import { dayTime } from '../../format';
import { EMPTY_QUERY, readQuery, searchParams, writeQuery, type LogQuery } from './query';
import './log.css';

interface Entry {
  seq: number;
  id: string;
  kind: LogKind;
  at: string;
  by: { userId: string; name: string };
  text: string;
  eventId?: string;
  districtId?: string;
}
interface Page {
  entries: Entry[];
  nextBefore?: number | null;
  latestSeq: number;
  count?: number;
}

const PAGE = 100;

async function fetchPage(p: URLSearchParams): Promise<Page> {
  const res = await fetch(`/api/log/entries?${p.toString()}`, { credentials: 'same-origin' });
  const body = (await res.json().catch(() => ({}))) as Page & { error?: { message?: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `Servern svarade ${res.status}.`);
  return body;
}

const newCount = (n: number) => (n === 1 ? '1 ny' : `${n} nya`);

export function LogScreen() {
  const uid = useId();
  const state = useCityState();
  const space = useConsole((s) => s.currentSpace);
  const seq = useConsole((s) => lookup(s.spaces, s.currentSpace)?.seq ?? 0);
  const [query, setQuery] = useState<LogQuery>(() => ({
    ...EMPTY_QUERY,
    ...readQuery(window.location.hash),
  }));
  const [entries, setEntries] = useState<Entry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [latest, setLatest] = useState(0);
  const [waiting, setWaiting] = useState<{ entries: Entry[]; count: number; upTo: number } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  // Busy from the start: before the first page arrives, "0 poster" would be untrue.
  const [busy, setBusy] = useState(true);
  const list = useRef<HTMLDivElement>(null);
  // On a phone the entries come first: the filters beyond the words open on request, and
  // open by themselves when the address already narrows the search.
  const [moreOpen, setMoreOpen] = useState(
    () =>
      window.matchMedia?.('(min-width: 761px)').matches !== false ||
      [query.kind, query.area, query.author, query.from, query.to].some(Boolean),
  );
  const generation = useRef(0);

  // The filters live in the address: replaced, not pushed, so Back leaves the log view.
  useEffect(() => {
    const next = writeQuery('logg', query);
    if (window.location.hash !== next) window.history.replaceState(null, '', next);
  }, [query]);

  // A new search: the newest page for the filters (words after a short pause in typing).
  useEffect(() => {
    const g = ++generation.current;
    const t = setTimeout(() => {
      setBusy(true);
      fetchPage(
        new URLSearchParams({
          ...Object.fromEntries(searchParams(space, query)),
          limit: String(PAGE),
        }),
      )
        .then((p) => {
          if (g !== generation.current) return;
          setEntries(p.entries);
          setNextBefore(p.nextBefore ?? null);
          setLatest(p.latestSeq);
          setWaiting(null);
          setError(null);
          list.current?.scrollTo({ top: 0 });
        })
        .catch((e: Error) => g === generation.current && setError(e.message))
        .finally(() => g === generation.current && setBusy(false));
    }, 300);
    return () => clearTimeout(t);
  }, [space, query]);

  // Live: what arrived since the newest shown, fetched after a burst settles.
  useEffect(() => {
    if (!latest || seq <= (waiting?.upTo ?? latest)) return;
    const g = generation.current;
    const from = latest;
    const t = setTimeout(() => {
      const p = searchParams(space, query);
      p.set('after', String(from));
      p.set('limit', String(PAGE));
      fetchPage(p)
        .then((r) => {
          if (g !== generation.current) return;
          const atTop = (list.current?.scrollTop ?? 0) < 8 && !waiting;
          if (r.count === 0) {
            setLatest(r.latestSeq);
            return;
          }
          if (atTop && (r.count ?? 0) <= PAGE) {
            // At the top, reading the newest: they come in where the eye already is.
            setEntries((have) => [...r.entries, ...have]);
            setLatest(r.latestSeq);
          } else
            setWaiting({
              entries: r.entries,
              count: r.count ?? r.entries.length,
              upTo: r.latestSeq,
            });
        })
        .catch(() => undefined);
    }, 500);
    return () => clearTimeout(t);
  }, [seq, latest, space, query, waiting]);

  const showWaiting = useCallback(() => {
    if (!waiting) return;
    if (waiting.count > waiting.entries.length) {
      // More than one page arrived: start again from the newest.
      setQuery((q) => ({ ...q }));
    } else {
      setEntries((have) => [...waiting.entries, ...have]);
      setLatest(waiting.upTo);
    }
    setWaiting(null);
    list.current?.scrollTo({ top: 0 });
    list.current?.focus();
  }, [waiting]);

  const older = () => {
    if (nextBefore === null) return;
    const g = generation.current;
    const p = searchParams(space, query);
    p.set('before', String(nextBefore));
    p.set('limit', String(PAGE));
    setBusy(true);
    fetchPage(p)
      .then((r) => {
        if (g !== generation.current) return;
        setEntries((have) => [...have, ...r.entries]);
        setNextBefore(r.nextBefore ?? null);
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };

  const set = <K extends keyof LogQuery>(k: K, v: LogQuery[K]) =>
    setQuery((q) => ({ ...q, [k]: v }));
  const districts = Object.values(state.districts).sort((a, b) =>
    a.name.localeCompare(b.name, 'sv'),
  );
  const users = Object.values(state.users)
    .filter((u) => u.active)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const filtered = Object.values(query).some(Boolean);
  const narrowed = [query.kind, query.area, query.author, query.from, query.to].filter(
    Boolean,
  ).length;
  const eventTitle = (id?: string) => (id ? lookup(state.events, id)?.title : undefined);
  const areaName = (id?: string) => (id ? lookup(state.districts, id)?.name : undefined);

  return (
    <div className="log-screen">
      <form
        className="card log-filters"
        role="search"
        aria-labelledby={`${uid}-h`}
        onSubmit={(e) => e.preventDefault()}
      >
        <h2 id={`${uid}-h`}>Sök i loggen</h2>
        <div className="log-filter-grid">
          <div className="field log-filter-q">
            <label htmlFor={`${uid}-q`}>Sökord</label>
            <input
              id={`${uid}-q`}
              type="search"
              value={query.q}
              onChange={(e) => set('q', e.target.value)}
            />
          </div>
          <details
            className="log-more-filters"
            open={moreOpen}
            onToggle={(e) => setMoreOpen((e.target as HTMLDetailsElement).open)}
          >
            <summary>
              Fler filter{narrowed > 0 ? ` (${plural(narrowed, 'vald', 'valda')})` : ''}
            </summary>
            <div className="field">
              <label htmlFor={`${uid}-kind`}>Typ</label>
              <select
                id={`${uid}-kind`}
                value={query.kind}
                onChange={(e) => set('kind', e.target.value as LogKind | '')}
              >
                <option value="">Alla typer</option>
                {LOG_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {LOG_KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${uid}-area`}>Område</label>
              <select
                id={`${uid}-area`}
                value={query.area}
                onChange={(e) => set('area', e.target.value)}
              >
                <option value="">Hela staden</option>
                {districts.map((d) => (
                  <option key={d.districtId} value={d.districtId}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${uid}-author`}>Skriven av</label>
              <select
                id={`${uid}-author`}
                value={query.author}
                onChange={(e) => set('author', e.target.value)}
              >
                <option value="">Alla</option>
                {users.map((u) => (
                  <option key={u.userId} value={u.userId}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${uid}-from`}>Från</label>
              <input
                id={`${uid}-from`}
                type="datetime-local"
                value={query.from}
                onChange={(e) => set('from', e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-to`}>Till</label>
              <input
                id={`${uid}-to`}
                type="datetime-local"
                value={query.to}
                onChange={(e) => set('to', e.target.value)}
              />
            </div>
          </details>
        </div>
        {filtered && (
          <button type="button" className="btn-quiet" onClick={() => setQuery(EMPTY_QUERY)}>
            Rensa filtren
          </button>
        )}
      </form>
      <section className="card log-results" aria-labelledby={`${uid}-rh`}>
        <h2 id={`${uid}-rh`}>Loggen{filtered ? ' – sökträffar' : ''}</h2>
        <p className="muted" role="status" data-testid="log-status">
          {error
            ? `Loggen kunde inte hämtas: ${error}`
            : busy && entries.length === 0
              ? 'Hämtar…'
              : `${plural(entries.length, 'post', 'poster')} visas${nextBefore !== null ? ', fler finns' : ''}.`}
        </p>
        {waiting && (
          <button
            type="button"
            className="btn-primary log-new"
            data-testid="log-new"
            onClick={showWaiting}
          >
            <span aria-hidden="true">▲</span> {newCount(waiting.count)} – visa
          </button>
        )}
        <div
          ref={list}
          className="log-list"
          tabIndex={0}
          aria-label="Loggposter"
          data-testid="log-list"
        >
          {entries.length === 0 && !busy && !error ? (
            <p className="muted">Inga poster{filtered ? ' för de här filtren' : ''}.</p>
          ) : (
            <ol className="log-entries">
              {entries.map((x) => (
                <li key={x.seq} data-seq={x.seq}>
                  <span className="history-time">{dayTime(x.at)}</span>{' '}
                  <span className={`log-kind log-kind-${x.kind}`}>{LOG_KIND_LABEL[x.kind]}</span>{' '}
                  <span className="log-text">{x.text}</span>{' '}
                  <span className="muted">
                    – {x.by.name}
                    {eventTitle(x.eventId) ? ` · ${eventTitle(x.eventId)}` : ''}
                    {areaName(x.districtId) ? ` · ${areaName(x.districtId)}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          )}
          {nextBefore !== null && (
            <button
              type="button"
              className="btn-secondary log-older"
              disabled={busy}
              onClick={older}
            >
              Visa äldre poster
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
