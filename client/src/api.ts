/** The few HTTP calls the console makes; everything live goes over the socket. */
import type { FeatureCollection } from 'geojson';
import type { CityState, UserProfile } from '../../shared/domain/state';
import type { StoredEvent } from '../../shared/events';
import type { ReportFormat } from '../../shared/report/afterAction/types';

export type { ReportFormat };
import type { WarningCollectionMessage } from '../../shared/protocol';

export interface ClientConfig {
  protocolVersion: number;
  division: string;
  tileUrl: string | null;
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `Servern svarade ${res.status}.`);
  return body;
}

export async function login(username: string, password: string): Promise<UserProfile> {
  const res = await fetch('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ username, password }),
  });
  return (await json<{ user: UserProfile }>(res)).user;
}

export async function logout(): Promise<void> {
  await fetch('/api/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
}

/** Who is signed in, or null (no session). Throws only when the server cannot be reached. */
export async function me(): Promise<UserProfile | null> {
  const res = await fetch('/api/me', { credentials: 'same-origin' });
  if (res.status === 401) return null;
  return (await json<{ user: UserProfile }>(res)).user;
}

export async function config(): Promise<ClientConfig> {
  return json<ClientConfig>(await fetch('/api/config'));
}

export async function division(): Promise<FeatureCollection> {
  return json<FeatureCollection>(await fetch('/api/division'));
}

/** A scenario an exercise can be started with (titles only; the script stays with control). */
export interface ScenarioSummary {
  id: string;
  title: string;
  description?: string;
  division: string;
  duration: string | null;
  objectives: string[];
  injectCount: number;
  lastInjectAt: number;
}

export async function scenarios(): Promise<ScenarioSummary[]> {
  const res = await fetch('/api/exercises/scenarios', { credentials: 'same-origin' });
  return (await json<{ scenarios: ScenarioSummary[] }>(res)).scenarios;
}

/** One page of a replay: the state before the period (first page only) and its events. */
export interface ReplayPage {
  space: string;
  eventId: string | null;
  window: { fromSeq: number; toSeq: number; from: string | null; to: string | null };
  initial?: CityState;
  events: StoredEvent[];
  next: number | null;
}

export async function replayPage(q: {
  space: string;
  eventId?: string;
  after?: number;
}): Promise<ReplayPage> {
  const p = new URLSearchParams({ space: q.space });
  if (q.eventId) p.set('eventId', q.eventId);
  if (q.after !== undefined) p.set('after', String(q.after));
  return json<ReplayPage>(await fetch(`/api/replay?${p}`, { credentials: 'same-origin' }));
}

/** The whole replay of a period, page by page. */
export async function replay(q: { space: string; eventId?: string }): Promise<ReplayPage> {
  const first = await replayPage(q);
  const events = [...first.events];
  let next = first.next;
  while (next !== null) {
    const page = await replayPage({ ...q, after: next });
    events.push(...page.events);
    next = page.next;
  }
  return { ...first, events, next: null };
}

export type SituationFormat = 'html' | 'pdf' | 'geojson';

/** Links (not fetches): the browser opens or downloads the export with the session cookie. */
export function reportUrl(space: string, format: ReportFormat, eventId?: string): string {
  const p = new URLSearchParams({ space, format });
  if (eventId) p.set('eventId', eventId);
  return `/api/export/report?${p}`;
}

export function situationUrl(space: string, format: SituationFormat): string {
  return `/api/export/situation?${new URLSearchParams({ space, format })}`;
}

/** A console region that could not be shown, for the server's log (POST /api/client-error). */
export async function reportClientError(report: {
  region: string;
  message: string;
  stack?: string;
  route?: string;
}): Promise<void> {
  const res = await fetch('/api/client-error', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(report),
  });
  await json<{ ok: boolean }>(res);
}

/** The official warnings: the live set, or an exercise's own (from its scenario). */
export async function warnings(space: string): Promise<WarningCollectionMessage> {
  const q = space === 'real' ? '' : `?space=${encodeURIComponent(space)}`;
  const res = await fetch(`/api/warnings${q}`, { credentials: 'same-origin' });
  return json<WarningCollectionMessage>(res);
}
