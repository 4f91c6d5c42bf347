/** The few HTTP calls the console makes; everything live goes over the socket. */
import type { FeatureCollection } from 'geojson';
import type { CityState, UserProfile } from '../../shared/domain/state';
import type { StoredEvent } from '../../shared/events';
import type { ReportFormat } from '../../shared/report/afterAction/types';

import type { Gazetteer } from '../../shared/map/gazetteer';

export type { ReportFormat };
import type { WarningCollectionMessage } from '../../shared/protocol';

export interface ClientConfig {
  protocolVersion: number;
  division: string;
  tileUrl: string | null;
  tileAttribution: string | null;
  /** The largest upload the server takes, bytes (UPLOAD_MAX_MB). */
  uploadMaxBytes?: number;
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `Servern svarade ${res.status}.`);
  return body;
}

/** Who signed in, and whether the session may only change its initial password (R112). */
export interface SignedIn {
  user: UserProfile;
  mustChangePassword: boolean;
}

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });

export async function login(username: string, password: string): Promise<SignedIn> {
  const body = await json<{ user: UserProfile; mustChangePassword?: boolean }>(
    await post('/api/login', { username, password }),
  );
  return { user: body.user, mustChangePassword: body.mustChangePassword === true };
}

/** One's own password (R113): the session stays, the account's other sessions end. */
export async function changePassword(
  currentPassword: string,
  newPassword: string,
): Promise<UserProfile> {
  return (
    await json<{ user: UserProfile }>(await post('/api/password', { currentPassword, newPassword }))
  ).user;
}

/** A new account with an initial password that must be changed at the first sign-in (R112). */
export async function createAccount(account: {
  userId: string;
  name: string;
  role: string;
  districtId?: string;
  unitId?: string;
  initialPassword: string;
}): Promise<void> {
  await json<{ user: UserProfile }>(await post('/api/accounts', account));
}

/** A new initial password for someone else's account; their sessions end (R112). */
export async function resetPassword(userId: string, initialPassword: string): Promise<void> {
  await json<{ ok: boolean }>(
    await post(`/api/accounts/${encodeURIComponent(userId)}/password`, { initialPassword }),
  );
}

export async function logout(): Promise<void> {
  await fetch('/api/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
}

/** Who is signed in, or null (no session). Throws only when the server cannot be reached. */
export async function me(): Promise<SignedIn | null> {
  const res = await fetch('/api/me', { credentials: 'same-origin' });
  if (res.status === 401) return null;
  const body = await json<{ user: UserProfile; mustChangePassword?: boolean }>(res);
  return { user: body.user, mustChangePassword: body.mustChangePassword === true };
}

export async function config(): Promise<ClientConfig> {
  return json<ClientConfig>(await fetch('/api/config'));
}

export async function division(): Promise<FeatureCollection> {
  return json<FeatureCollection>(await fetch('/api/division'));
}

/** The 117 stadsdelar, for the map's layer of that name (fetched when it is first shown). */
export async function neighbourhoods(): Promise<FeatureCollection> {
  return json<FeatureCollection>(await fetch('/api/map/neighbourhoods'));
}

/** The names the map search finds (districts, stadsdelar, former district names). */
export async function gazetteer(): Promise<Gazetteer> {
  return json<Gazetteer>(await fetch('/api/map/gazetteer'));
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
