/** Small real files for upload tests: a decodable PNG, JPEG and PDF made here, no fixtures. */
import { crc32, deflateSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A w×h PNG of one colour (RGB), with a diagonal so two sizes never hash alike. */
export function png(w = 64, h = 48, rgb: [number, number, number] = [200, 60, 40]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) {
      const on = Math.abs(x - y) < 3;
      rows.push(on ? 255 : rgb[0], on ? 255 : rgb[1], on ? 255 : rgb[2]);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Bytes that start as a JPEG does (enough for the type check, not for drawing). */
export const jpegLike = (tag = randomUUID()): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`JFIF ${tag}`)]);

/** A one-page PDF with a line of text that Chromium's viewer opens. */
export function pdf(text = 'Krisledningsplan'): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Uploads `bytes` with its command beside it, as the console does. */
export async function uploadFile(
  url: string,
  cookie: string,
  route: '/api/attachments' | '/api/library/documents',
  bytes: Buffer,
  payload: Record<string, unknown>,
  opts: { space?: string; id?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const q = new URLSearchParams({
    space: opts.space ?? 'real',
    id: opts.id ?? `up-${randomUUID()}`,
    payload: JSON.stringify(payload),
  });
  const res = await fetch(`${url}${route}?${q}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
