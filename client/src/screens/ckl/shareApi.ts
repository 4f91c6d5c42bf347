/** The two HTTP calls of sharing: making a link (the token comes back once) and the openings. */

export interface CreatedShare {
  shareId: string;
  token: string;
  url: string;
}

export interface ShareViews {
  shareId: string;
  count: number;
  byKind: Record<'page' | 'pdf' | 'json' | 'geojson' | 'atom' | 'jsonfeed', number>;
  visitors: number;
  visitorsCapped: boolean;
  firstAt?: string;
  lastAt?: string;
}

async function body<T>(res: Response): Promise<T> {
  const b = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!res.ok) throw new Error(b.error?.message ?? `Servern svarade ${res.status}.`);
  return b;
}

const OFFLINE = 'Ingen förbindelse med servern. En länk kan bara skapas när konsolen är ansluten.';

export async function createShare(req: {
  id: string;
  space: string;
  actingFor?: string;
  sitrepId: string;
  follow: boolean;
  recipient: { kind: 'actor'; actorId: string } | { kind: 'other'; name: string };
  expiresAt: string;
}): Promise<CreatedShare> {
  let res: Response;
  try {
    res = await fetch('/api/shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(req),
    });
  } catch {
    throw new Error(OFFLINE);
  }
  return body<CreatedShare>(res);
}

export async function shareViews(space: string): Promise<ShareViews[]> {
  const res = await fetch(`/api/shares/views?${new URLSearchParams({ space })}`, {
    credentials: 'same-origin',
  });
  return (await body<{ views: ShareViews[] }>(res)).views;
}
