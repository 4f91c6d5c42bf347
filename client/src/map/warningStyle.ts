/** How warnings look wherever they are drawn: colour AND symbol AND words (R133, R134). */
import {
  WARNING_LEVEL_LABEL,
  WARNING_SOURCE_LABEL,
  type WarningFeature,
  type WarningLevel,
} from '../../../shared/warnings';

export const WARNING_FILL: Record<WarningLevel, string> = {
  message: '#1f5fa8',
  yellow: '#b38600',
  orange: '#c45a00',
  red: '#b3141b',
};
export const WARNING_SYMBOL: Record<WarningLevel, string> = {
  message: '●',
  yellow: '▲',
  orange: '▲▲',
  red: '■',
};

/** "Gul varning · SMHI: Vind – Stockholms skärgård", with the TEST mark when not real. */
export function warningLabelText(w: WarningFeature): string {
  const p = w.properties;
  const base = `${WARNING_LEVEL_LABEL[p.level]} · ${WARNING_SOURCE_LABEL[p.source]}: ${p.event || p.headline}`;
  return p.notReal ? `${p.notReal} · ${base}` : base;
}

/**
 * The words of the notice for a new warning: the TEST mark first when not real, the level, and
 * the headline once. VMA's event is usually its headline and SMHI's headline starts with the
 * event, so the event is added only when it says something the headline does not.
 */
export function warningNoticeText(w: WarningFeature): string {
  const p = w.properties;
  const headline = p.headline || p.event;
  const what =
    p.event && headline && !headline.toLowerCase().includes(p.event.toLowerCase())
      ? `${p.event} – ${headline}`
      : headline;
  const base = `${WARNING_LEVEL_LABEL[p.level]} – ${what}`;
  return p.notReal ? `${p.notReal} · ${base}` : base;
}
