/**
 * Search on the map (R248): districts, stadsdelar and former district names from the bundled
 * gazetteer, and the places people have put on the map, as a combobox (arrow keys, Enter,
 * Escape; a thumb taps an option). Picking one moves the map there.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import * as api from '../api';
import {
  GAZETTEER_KIND_LABEL,
  searchGazetteer,
  type Gazetteer,
  type GazetteerEntry,
} from '../../../shared/map/gazetteer';
import type { CityState } from '../../../shared/domain/state';
import { districtMarkers } from '../../../shared/views';
import { lookup } from '../../../shared/domain/keyed';
import { MARKER_KIND_LABEL } from '../../../shared/domain/vocabulary';
import { plural } from '../../../shared/text/plural';

/** The places on the map as gazetteer entries: a marker is found by its name. */
export function placeEntries(s: CityState): GazetteerEntry[] {
  return districtMarkers(s).map((m) => ({
    id: `place:${m.id}`,
    name: m.label,
    kind: 'place',
    within: `${MARKER_KIND_LABEL[m.kind]}, ${lookup(s.districts, m.districtId)?.name ?? m.districtId}`,
    at: [m.lat, m.lng],
    bounds: [
      [m.lat - 0.003, m.lng - 0.006],
      [m.lat + 0.003, m.lng + 0.006],
    ],
  }));
}

let cached: Promise<Gazetteer> | null = null;
const loadGazetteer = (): Promise<Gazetteer> => {
  cached ??= api.gazetteer().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
};

export function MapSearch({
  state,
  onPick,
}: {
  state: CityState;
  onPick: (e: GazetteerEntry) => void;
}) {
  const uid = useId();
  const [gaz, setGaz] = useState<Gazetteer | null>(null);
  const [failed, setFailed] = useState(false);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const load = () => {
    if (gaz) return;
    loadGazetteer()
      .then((g) => {
        setGaz(g);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  };
  const places = useMemo(() => placeEntries(state), [state]);
  const hits = useMemo(
    () => searchGazetteer([...(gaz?.entries ?? []), ...places], q),
    [gaz, places, q],
  );
  useEffect(() => setActive(0), [q]);
  const listId = `${uid}-list`;
  const optId = (i: number) => `${uid}-opt-${i}`;
  const shown = open && q.trim().length > 0;
  const pick = (e: GazetteerEntry) => {
    onPick(e);
    setQ(e.name);
    setOpen(false);
  };
  return (
    <div className="map-search" data-testid="map-search">
      <label htmlFor={`${uid}-q`} className="sr-only">
        Sök område, stadsdel eller plats på kartan
      </label>
      <input
        id={`${uid}-q`}
        ref={input}
        type="search"
        role="combobox"
        autoComplete="off"
        placeholder="Sök område, stadsdel eller plats"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && hits.length > 0 ? optId(active) : undefined}
        value={q}
        onFocus={load}
        onChange={(e) => {
          load();
          setQ(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, Math.max(hits.length - 1, 0)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter') {
            const hit = hits.at(active);
            if (shown && hit) {
              e.preventDefault();
              pick(hit);
            }
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Träffar"
        className="map-search-hits"
        hidden={!shown}
      >
        {hits.map((h, i) => (
          <li
            key={h.id}
            id={optId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            data-entry={h.id}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(h)}
          >
            <strong>{h.name}</strong>{' '}
            <span className="muted">
              {GAZETTEER_KIND_LABEL[h.kind]}
              {h.within && h.kind !== 'place' ? ` i ${h.within}` : h.within ? ` · ${h.within}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <p className="sr-only" role="status" aria-live="polite">
        {shown
          ? hits.length === 0
            ? gaz || failed
              ? 'Inga träffar.'
              : 'Söker…'
            : `${plural(hits.length, 'träff', 'träffar')}.`
          : ''}
      </p>
      {shown && hits.length === 0 && (
        <p className="map-search-none">
          {failed ? 'Namnregistret kunde inte laddas.' : gaz ? 'Inga träffar.' : 'Söker…'}
        </p>
      )}
    </div>
  );
}
