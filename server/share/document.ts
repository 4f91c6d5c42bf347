/**
 * What one share shows, in every format: the frozen report(s), the share's own facts and the
 * links between the formats. Built only from the share's own space (R97: an exercise shows
 * nothing but the exercise) and only from frozen reports (R92).
 */
import type { CityState } from '../../shared/domain/state';
import type { Share, SharedReport } from '../../shared/domain/share';
import { EXERCISE_MARK, isExerciseSpace } from '../../shared/domain/exercise';
import { newerApproved, sharedReports } from '../../shared/views/share';

export const SHARE_BASE_PATH = '/delning';

/** The file names of the formats under a share's path. */
export const SHARE_FILES = {
  pdf: 'lagesbild.pdf',
  json: 'lagesbild.json',
  geojson: 'lagesbild.geojson',
  atom: 'flode.atom',
  jsonfeed: 'flode.json',
} as const;

export interface ShareLinks {
  page: string;
  pdf: string;
  json: string;
  geojson: string;
  atom: string;
  jsonfeed: string;
}

export interface ShareDocument {
  space: string;
  exercise: boolean;
  exerciseName?: string;
  shareId: string;
  recipient: string;
  expiresAt: string;
  createdAt: string;
  follow: boolean;
  /** What the page shows: the share's version, or the series' latest. */
  report: SharedReport;
  /** Every report of the feed, newest first (the first is `report`). */
  reports: SharedReport[];
  /** A pinned version for which a newer one has been approved since. */
  superseded: boolean;
  links: ShareLinks;
  /** A file name without extension, ÖVNING first in an exercise (R97). */
  fileBase: string;
  /** Changes whenever anything shown changes (the feed's `updated`, Last-Modified). */
  updatedAt: string;
}

/** ASCII-safe slug for file names. */
export const slug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 50);

export function shareLinks(base: string, token: string): ShareLinks {
  const page = `${base}${SHARE_BASE_PATH}/${token}`;
  return {
    page,
    pdf: `${page}/${SHARE_FILES.pdf}`,
    json: `${page}/${SHARE_FILES.json}`,
    geojson: `${page}/${SHARE_FILES.geojson}`,
    atom: `${page}/${SHARE_FILES.atom}`,
    jsonfeed: `${page}/${SHARE_FILES.jsonfeed}`,
  };
}

/** Null when the share has nothing to show (its report left the state; not expected). */
export function shareDocument(
  state: CityState,
  share: Share,
  links: ShareLinks,
): ShareDocument | null {
  const reports = sharedReports(state, share);
  const report = reports[0];
  if (!report) return null;
  const exercise = isExerciseSpace(state.space);
  const newest = [share.createdAt, ...reports.map((r) => r.approvedAt)].sort().at(-1) as string;
  return {
    space: state.space,
    exercise,
    ...(exercise && state.exercise.control ? { exerciseName: state.exercise.control.name } : {}),
    shareId: share.id,
    recipient: share.recipient.name,
    expiresAt: share.expiresAt,
    createdAt: share.createdAt,
    follow: share.follow,
    report,
    reports,
    superseded: !share.follow && newerApproved(state, share.series, report.version),
    links,
    fileBase: `${exercise ? 'OVNING-' : ''}lagesbild-${slug(report.eventTitle ?? 'stockholms-stad')}-v${report.version}`,
    updatedAt: newest,
  };
}

/** The title a partner reads first; an exercise says so before anything else (R97). */
export function documentTitle(doc: Pick<ShareDocument, 'exercise' | 'report'>): string {
  const t = `Lägesbild: ${doc.report.eventTitle ?? 'Stockholms stad'}`;
  return doc.exercise ? `${EXERCISE_MARK}: ${t}` : t;
}

/** RFC 6266 attachment with the real name (ÖVNING with its Ö) and an ASCII fallback. */
export function attachment(doc: Pick<ShareDocument, 'exercise' | 'fileBase'>, ext: string) {
  const ascii = `${doc.fileBase}.${ext}`;
  const utf8 = doc.exercise ? ascii.replace(/^OVNING-/, `${EXERCISE_MARK}-`) : ascii;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;
}
