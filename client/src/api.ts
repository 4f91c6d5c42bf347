/** The few HTTP calls the console makes; everything live goes over the socket. */
import type { FeatureCollection } from 'geojson';
import type { UserProfile } from '../../shared/domain/state';

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
