/**
 * WARNING_FEEDS: a comma-separated list of `kind=location` (docs/operations.md). A location
 * is an https URL, or a file path so the intake runs offline and in tests; plain http is
 * accepted only to this machine (a local relay or test server). A bad entry stops the start.
 */
import path from 'node:path';
import { WARNING_SOURCES, type WarningSource } from '../../shared/warnings';

export interface WarningFeedConfig {
  /** Stable per configuration: kind and position among feeds of that kind ("smhi-1"). */
  id: string;
  kind: WarningSource;
  /** An https URL, a loopback http URL, or an absolute file path. */
  location: string;
  isFile: boolean;
  /** What the status line names: the host or the file name, never credentials. */
  label: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function parseWarningFeeds(raw: string | undefined): WarningFeedConfig[] {
  if (!raw || !raw.trim()) return [];
  const counts = new Map<string, number>();
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf('=');
      const kind = eq < 0 ? '' : entry.slice(0, eq).trim();
      const location = eq < 0 ? '' : entry.slice(eq + 1).trim();
      if (!(WARNING_SOURCES as readonly string[]).includes(kind))
        throw new Error(
          `WARNING_FEEDS: "${entry}" must be kind=location with kind smhi, vma or cap`,
        );
      if (!location) throw new Error(`WARNING_FEEDS: "${entry}" has no location`);
      const n = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, n);
      const id = `${kind}-${n}`;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
        let u: URL;
        try {
          u = new URL(location);
        } catch {
          throw new Error(`WARNING_FEEDS: "${location}" is not a URL`);
        }
        const ok = u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
        if (!ok)
          throw new Error(
            `WARNING_FEEDS: "${u.origin}" must be https (plain http only to localhost)`,
          );
        return {
          id,
          kind: kind as WarningSource,
          location: u.toString(),
          isFile: false,
          label: u.host,
        };
      }
      const file = path.resolve(location);
      return {
        id,
        kind: kind as WarningSource,
        location: file,
        isFile: true,
        label: path.basename(file),
      };
    });
}
