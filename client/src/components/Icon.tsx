/**
 * The console's icons, drawn as inline SVG in the text colour. Emoji and other pictographic
 * characters depend on the fonts of the machine (Debian's Chromium draws ⏳ and 🔒 as empty
 * boxes), so UI text never contains them: a test scans client/src and the rendered pages.
 */
const PATHS = {
  /** Something needs attention (⚠). */
  warning: 'M8 1 15.5 14.5H.5Z M7.1 5.4h1.8l-.35 5.1h-1.1Z M7.1 11.5h1.8v1.7H7.1Z',
  /** Waiting for someone (⏳). */
  hourglass:
    'M3 1h10v1.5h-1c0 2.6-1.6 4.1-3 5.5 1.4 1.4 3 2.9 3 5.5h1V15H3v-1.5h1c0-2.6 1.6-4.1 3-5.5C5.6 6.6 4 5.1 4 2.5H3Z M5.6 2.5c.1 1.6 1 2.6 2.4 3.9 1.4-1.3 2.3-2.3 2.4-3.9Z',
  /** Paused, held (⏸). */
  pause: 'M3.5 2h3v12h-3Z M9.5 2h3v12h-3Z',
  /** Read only (🔒). */
  lock: 'M2.5 7h11v8h-11Z M4.5 7V5a3.5 3.5 0 0 1 7 0v2H10V5a2 2 0 0 0-4 0v2Z',
  /** Done, ticked box (☑). */
  checked: 'M1.5 1.5h13v13h-13Z M3 3v10h10V3Z M4.3 8.1l1.1-1.1 1.8 1.8 3.4-3.4 1.1 1.1-4.5 4.5Z',
  /** Solid square: a step still open. */
  square: 'M2 2h12v12H2Z',
  /** Heavy cross: a step that does not apply. */
  cross: 'M3.4 2 8 6.6 12.6 2 14 3.4 9.4 8 14 12.6 12.6 14 8 9.4 3.4 14 2 12.6 6.6 8 2 3.4Z',
  /** Sent back (↩). */
  undo: 'M6 2.5 1.5 6.5 6 10.5V8h4a2.5 2.5 0 0 1 0 5H8v1.5h2a4 4 0 0 0 0-8H6Z',
  /** Published to the public (📣). */
  megaphone: 'M1.5 6h3l8-4.5v13l-8-4.5h-3Z M5 11.2 6.2 15h2l-1.1-3.6Z',
  /** Play, forward (▶). */
  play: 'M4 2.5v11l9.5-5.5Z',
  /** Back (◀). */
  back: 'M12 2.5v11L2.5 8Z',
  /** A photo (📷): a camera with its lens. */
  camera:
    'M1 4.5h3.2l1.3-2h5l1.3 2H15v9H1Z M8 6a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z M8 7.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z',
} as const;

export type IconName = keyof typeof PATHS;
export const ICON_NAMES = Object.keys(PATHS) as IconName[];

/** Decorative: the words beside it say the same (WCAG 1.1.1), so it is hidden from readers. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className={`icon icon-${name}`}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      data-icon={name}
    >
      <path d={PATHS[name]} fillRule="evenodd" />
    </svg>
  );
}

/** The same icon as a DOM element, for markup built outside React (map labels). */
export function iconElement(name: IconName): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.dataset.icon = name;
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill-rule', 'evenodd');
  svg.appendChild(path);
  return svg;
}
