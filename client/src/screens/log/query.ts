/**
 * The log view's filters in the page address (`#/logg?typ=beslut&omrade=farsta&av=stadsdir&
 * fran=…&till=…&sok=…`), so a search can be shared and survives a reload; Swedish names.
 */
import { LOG_KINDS, type LogKind } from '../../../../shared/log/search';

export interface LogQuery {
  kind: LogKind | '';
  area: string;
  author: string;
  /** `YYYY-MM-DDTHH:mm` as the time field gives it, Stockholm time. */
  from: string;
  to: string;
  q: string;
}

export const EMPTY_QUERY: LogQuery = { kind: '', area: '', author: '', from: '', to: '', q: '' };

const PARAM: Record<keyof LogQuery, string> = {
  kind: 'typ',
  area: 'omrade',
  author: 'av',
  from: 'fran',
  to: 'till',
  q: 'sok',
};

export function readQuery(hash: string): LogQuery {
  const i = hash.indexOf('?');
  const p = new URLSearchParams(i >= 0 ? hash.slice(i + 1) : '');
  const kind = p.get(PARAM.kind) ?? '';
  return {
    kind: (LOG_KINDS as readonly string[]).includes(kind) ? (kind as LogKind) : '',
    area: p.get(PARAM.area) ?? '',
    author: p.get(PARAM.author) ?? '',
    from: p.get(PARAM.from) ?? '',
    to: p.get(PARAM.to) ?? '',
    q: p.get(PARAM.q) ?? '',
  };
}

export function writeQuery(route: string, q: LogQuery): string {
  const p = new URLSearchParams();
  for (const k of Object.keys(PARAM) as (keyof LogQuery)[]) {
    const v = q[k];
    if (v) p.set(PARAM[k], v);
  }
  const s = p.toString();
  return `#/${route}${s ? `?${s}` : ''}`;
}

/** A local `YYYY-MM-DDTHH:mm` (Stockholm, as the person typed it) as an ISO instant. */
export function localToIso(v: string): string | undefined {
  if (!v) return undefined;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** The server's search parameters for a query (every kind when none is chosen). */
export function searchParams(space: string, q: LogQuery): URLSearchParams {
  const p = new URLSearchParams({ space, kinds: q.kind || LOG_KINDS.join(',') });
  if (q.area) p.set('area', q.area);
  if (q.author) p.set('author', q.author);
  const from = localToIso(q.from);
  const to = localToIso(q.to);
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  if (q.q.trim()) p.set('q', q.q.trim());
  return p;
}
