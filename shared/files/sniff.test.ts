/** R215: the type of an upload is read from its bytes; the name only has to agree. */
import { ATTACHMENT_TYPES, DOCUMENT_TYPES } from './model';
import { ATTACHMENT_WORDS, DOCUMENT_WORDS, sniffUpload } from './sniff';

const b = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))),
  );
const att = (bytes: Buffer, name: string) =>
  sniffUpload(bytes, name, ATTACHMENT_TYPES, ATTACHMENT_WORDS);
const doc = (bytes: Buffer, name: string) =>
  sniffUpload(bytes, name, DOCUMENT_TYPES, DOCUMENT_WORDS);

test.each([
  ['JPEG', b([0xff, 0xd8, 0xff, 0xe1], 'Exif'), 'IMG_1.JPG', 'image/jpeg'],
  ['PNG', b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'a.png', 'image/png'],
  ['WebP', b('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'a.webp', 'image/webp'],
  [
    'HEIC from an iPhone',
    b([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic'),
    'IMG_2.HEIC',
    'image/heic',
  ],
  ['PDF', b('%PDF-1.7\n'), 'plan.pdf', 'application/pdf'],
  ['text', b('Rad ett\nRad två åäö\n'), 'anteckning.txt', 'text/plain'],
  ['Markdown', b('# Rubrik\n'), 'rutin.md', 'text/markdown'],
  ['a photo without a name extension', b([0xff, 0xd8, 0xff]), 'image', 'image/jpeg'],
])('R215 %s is recognised by content', (_what, bytes, name, type) => {
  expect(att(bytes, name)).toEqual({ ok: true, mediaType: type });
});

test('R215 a name that says one type over content of another is refused in words', () => {
  expect(att(b('%PDF-1.4'), 'bild.jpg')).toEqual({
    ok: false,
    reason: 'Filen heter bild.jpg men innehållet är en PDF. Kontrollera att det är rätt fil.',
  });
});

test('R215 unknown bytes, binary junk in a .txt, an empty file and invalid UTF-8 are refused', () => {
  expect(att(b([0x4d, 0x5a, 0x90, 0]), 'x.exe')).toMatchObject({ ok: false });
  expect(att(b([0x00, 0x01, 0x02]), 'x.txt')).toMatchObject({ ok: false });
  expect(att(Buffer.alloc(0), 'x.jpg')).toEqual({ ok: false, reason: 'Filen är tom.' });
  expect(att(b([0xc3, 0x28]), 'x.txt')).toMatchObject({ ok: false });
  // An SVG is text, not a photo: named .svg it is plain text, never an image to draw.
  expect(att(b('<svg onload="x()"/>'), 'x.svg')).toEqual({ ok: true, mediaType: 'text/plain' });
});

test('R220 the library takes PDF and Markdown only; any text there is Markdown', () => {
  expect(doc(b('%PDF-1.4'), 'plan.pdf')).toEqual({ ok: true, mediaType: 'application/pdf' });
  expect(doc(b('Rutin'), 'rutin.txt')).toEqual({ ok: true, mediaType: 'text/markdown' });
  expect(doc(b([0xff, 0xd8, 0xff]), 'foto.jpg')).toEqual({
    ok: false,
    reason: 'Filen är en JPEG-bild, som inte kan laddas upp här. Tillåtna filer: PDF och Markdown.',
  });
});
