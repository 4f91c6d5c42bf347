/** Uploads go over HTTP with their command beside them (docs/protocol.md); reads by hash. */
export const fileUrl = (space: string, hash: string, download = false): string =>
  `/api/files/${hash}?${new URLSearchParams({ space, ...(download ? { download: '1' } : {}) })}`;

/**
 * `retry`: nothing was decided (no connection, the server's storage away, asked to wait, the
 * session ended): the same upload, with the same id, may go again later. Otherwise a refusal is
 * the server's answer and final.
 */
export type UploadResult =
  { ok: true; seq: number; duplicate?: boolean } | { ok: false; message: string; retry: boolean };

export const NO_CONNECTION =
  'Ingen förbindelse med servern. Filen skickades inte – försök igen när du är ansluten.';

export async function uploadFile(
  route: '/api/attachments' | '/api/library/documents',
  space: string,
  payload: Record<string, unknown>,
  file: Blob,
  actingFor?: string | null,
  /** The command id; a resend with the same id is recognised by the server, not stored twice. */
  id = `up-${crypto.randomUUID()}`,
): Promise<UploadResult> {
  const q = new URLSearchParams({
    space,
    id,
    payload: JSON.stringify(payload),
    ...(actingFor ? { actingFor } : {}),
  });
  try {
    const res = await fetch(`${route}?${q}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    });
    const body = (await res.json().catch(() => ({}))) as {
      seq?: number;
      duplicate?: boolean;
      error?: { message?: string };
    };
    if (!res.ok)
      return {
        ok: false,
        message: body.error?.message ?? `Servern svarade ${res.status}.`,
        retry: res.status >= 500 || res.status === 429 || res.status === 401,
      };
    return { ok: true, seq: body.seq ?? 0, ...(body.duplicate ? { duplicate: true } : {}) };
  } catch {
    return { ok: false, message: NO_CONNECTION, retry: true };
  }
}

/** Sizes in Swedish: "340 kB", "2,4 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / 2 ** 20).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}
