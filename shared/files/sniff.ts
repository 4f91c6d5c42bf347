/**
 * What a file is, from its first bytes (R215): the name alone is not trusted, and a name whose
 * extension names another type than the content is refused as a likely mistake. Pure, so the
 * server decides and the console can say the same before it sends anything.
 */
import type { MediaType } from './model';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** ISO-BMFF brands of HEIF stills taken by phone cameras (HEIC). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

const EXT: ReadonlyMap<string, MediaType> = new Map([
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['webp', 'image/webp'],
  ['heic', 'image/heic'],
  ['heif', 'image/heic'],
  ['pdf', 'application/pdf'],
  ['md', 'text/markdown'],
  ['markdown', 'text/markdown'],
  ['txt', 'text/plain'],
]);

export const typeFromName = (name: string): MediaType | undefined => {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim());
  return m ? EXT.get(m[1]!.toLowerCase()) : undefined;
};

/** UTF-8 text with no NUL or other control bytes than tab, line breaks and form feed. */
function isText(b: Uint8Array): boolean {
  for (const x of b) if (x < 0x20 && x !== 9 && x !== 10 && x !== 13 && x !== 12) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The type of the content, or undefined when it is none the console accepts. */
export function sniffContent(b: Uint8Array): MediaType | 'text' | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(b, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(b, 8, 12))) return 'image/heic';
  if (ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  if (b.length > 0 && isText(b)) return 'text';
  return undefined;
}

export type SniffResult = { ok: true; mediaType: MediaType } | { ok: false; reason: string };

const LABEL: Record<MediaType, string> = {
  'image/jpeg': 'en JPEG-bild',
  'image/png': 'en PNG-bild',
  'image/webp': 'en WebP-bild',
  'image/heic': 'en HEIC-bild',
  'application/pdf': 'en PDF',
  'text/markdown': 'Markdown-text',
  'text/plain': 'vanlig text',
};

/**
 * The media type of an upload named `name` with content `b`, if it is one of `allowed`; the
 * refusal says in words what the file is and what is accepted.
 */
export function sniffUpload(
  b: Uint8Array,
  name: string,
  allowed: readonly MediaType[],
  acceptedWords: string,
): SniffResult {
  if (b.length === 0) return { ok: false, reason: 'Filen är tom.' };
  const content = sniffContent(b);
  const named = typeFromName(name);
  if (!content)
    return {
      ok: false,
      reason: `Filtypen känns inte igen. Tillåtna filer: ${acceptedWords}.`,
    };
  // Text is Markdown when the name says so (or nothing else is allowed), plain otherwise.
  const type: MediaType =
    content === 'text'
      ? named === 'text/markdown' || !allowed.includes('text/plain')
        ? 'text/markdown'
        : 'text/plain'
      : content;
  if (named && named !== type && !(content === 'text' && named.startsWith('text/')))
    return {
      ok: false,
      reason: `Filen heter ${name} men innehållet är ${LABEL[type]}. Kontrollera att det är rätt fil.`,
    };
  if (!allowed.includes(type))
    return {
      ok: false,
      reason: `Filen är ${LABEL[type]}, som inte kan laddas upp här. Tillåtna filer: ${acceptedWords}.`,
    };
  return { ok: true, mediaType: type };
}

export const ATTACHMENT_WORDS = 'foton (JPEG, PNG, WebP, HEIC), PDF och text';
export const DOCUMENT_WORDS = 'PDF och Markdown';

/** The documented upload limit (UPLOAD_MAX_MB overrides it on the server). */
export const DEFAULT_UPLOAD_MAX_MB = 20;
