/** A long history for the late-join and read benchmarks, written through the real pipeline. */
import { tempDir } from './lib';

/**
 * Writes `count` events through the real pipeline (commands → decide → hash → group-committed
 * journal) into a new data directory, once, in this process; `markers` of them are markers
 * placed inside their districts.
 */
export async function writeHistory(
  count: number,
  markers: number,
): Promise<{ dataDir: string; seq: number; districts: number }> {
  const { loadConfig } = await import('../server/config');
  const { createLagesbild } = await import('../server/app');
  const { loadDivision } = await import('../server/geo');
  const dataDir = tempDir('lb-bench-history-');
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: 'on', PORT: '0', HOST: '127.0.0.1' });
  const app = await createLagesbild(config);
  const real = app.spaces.get('real');
  if (!real) throw new Error('no real space');
  const div = loadDivision(config.division);
  const users = real.state.users;
  const actor = (id: string) => {
    const u = users[id];
    return {
      userId: u.userId,
      name: u.name,
      role: u.role,
      districtId: u.districtId,
      unitId: u.unitId,
    };
  };
  // A point inside each district, found on a grid over its bounding box.
  const geo = div.geojson as { features: { geometry: { coordinates: unknown } }[] };
  const points: { districtId: string; lat: number; lng: number }[] = [];
  for (const f of geo.features) {
    const flat =
      JSON.stringify(f.geometry.coordinates)
        .match(/-?\d+\.\d+/g)
        ?.map(Number) ?? [];
    const lngs = flat.filter((_, i) => i % 2 === 0);
    const lats = flat.filter((_, i) => i % 2 === 1);
    const [x0, x1, y0, y1] = [
      Math.min(...lngs),
      Math.max(...lngs),
      Math.min(...lats),
      Math.max(...lats),
    ];
    for (let gx = 1; gx < 20; gx++)
      for (let gy = 1; gy < 20; gy++) {
        const lng = x0 + ((x1 - x0) * gx) / 20;
        const lat = y0 + ((y1 - y0) * gy) / 20;
        const d = div.districtAt(lat, lng);
        if (d && users[`tib.${d}`]) points.push({ districtId: d, lat, lng });
      }
  }
  const start = real.seq;
  const target = start + count;
  let i = 0;
  const chunk: Promise<unknown>[] = [];
  const districtIds = Object.keys(real.state.districts);
  while (real.seq + chunk.length < target && i < count * 2) {
    i++;
    let p: Promise<{ ok: boolean }>;
    if (i <= markers && points.length > 0) {
      const pt = points[(i * 7919) % points.length];
      p = real.submit(actor(`tib.${pt.districtId}`), `hist-m-${i}`, {
        type: 'marker.place',
        payload: {
          kind: 'incident',
          label: `Markering ${i}`,
          districtId: pt.districtId,
          lat: pt.lat,
          lng: pt.lng,
        },
      });
    } else if (i % 10 === 0) {
      const d = districtIds[i % districtIds.length];
      p = real.submit(actor(`tib.${d}`), `hist-l-${i}`, {
        type: 'log.write',
        payload: { text: `Sekretessanteckning ${i} från ${d}.`, districtId: d, confidential: true },
      });
    } else {
      p = real.submit(actor('stabschef'), `hist-l-${i}`, {
        type: 'log.write',
        payload: { text: `Loggpost ${i}: läget följs, inga nya uppgifter om skadade.` },
      });
    }
    chunk.push(p);
    if (chunk.length >= 2000) {
      const res = (await Promise.all(chunk.splice(0))) as { ok: boolean }[];
      if (res.some((r) => !r.ok))
        throw new Error(`history command refused: ${JSON.stringify(res.find((r) => !r.ok))}`);
    }
  }
  await Promise.all(chunk);
  const seq = real.seq;
  await app.close();
  return { dataDir, seq, districts: districtIds.length };
}
