/**
 * Warnings in an exercise space: the warning injects played so far, as warnings. An exercise
 * shows these and never the live feeds', so no real warning mixes with the exercise's world
 * and no exercise warning reaches the real console (R138).
 */
import { lookup } from '../domain/keyed';
import type { CityState } from '../domain/state';
import { clockToMs } from '../exercise/scenario';
import { WARNING_SOURCE_LABEL, type Warning } from './model';

export function scenarioWarnings(s: CityState): Warning[] {
  const c = s.exercise.control;
  if (!c) return [];
  const out: Warning[] = [];
  for (const id of c.injectOrder) {
    const st = lookup(c.injects, id);
    if (!st || st.status !== 'delivered' || st.inject.kind !== 'warning' || !st.deliveredAt)
      continue;
    const inj = st.inject;
    const at = Date.parse(st.deliveredAt);
    out.push({
      source: inj.source,
      id: `ovning-${inj.id}`,
      level: inj.level,
      headline: inj.headline,
      event: inj.event,
      description: inj.description,
      onset: new Date(at).toISOString(),
      expires: new Date(at + Math.ceil(clockToMs(inj.validFor) / c.timeScale)).toISOString(),
      status: inj.status,
      areaNames: inj.areaNames,
      counties: inj.counties,
      geometry: inj.polygon ? { type: 'Polygon', coordinates: [inj.polygon] } : null,
      link: inj.link ?? null,
      sender: `${WARNING_SOURCE_LABEL[inj.source]} (övningsscenario)`,
      published: new Date(at).toISOString(),
    });
  }
  return out;
}
