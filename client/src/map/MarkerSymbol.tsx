import type { MarkerKind } from '../../../shared/domain/vocabulary';
import { MARKER_OUTLINE, MARKER_SYMBOLS } from '../../../shared/map/markerIcons';

/** A marker kind's symbol in React markup (the legend); decorative, the words beside it say it. */
export function MarkerSymbol({ kind, size = 16 }: { kind: MarkerKind; size?: number }) {
  const sym = MARKER_SYMBOLS[kind];
  return (
    <svg
      className="marker-svg"
      data-kind={kind}
      width={size}
      height={size}
      viewBox="0 0 28 28"
      aria-hidden="true"
      focusable="false"
    >
      <path d={MARKER_OUTLINE[sym.shape]} fill={sym.fill} stroke="#111827" strokeWidth={2} />
      <path d={sym.path} transform="translate(6 6)" fill="#111827" fillRule="evenodd" />
    </svg>
  );
}
