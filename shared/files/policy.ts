/** Who may attach files and run the document library (R218, R220, R221). */
import type { Actor } from '../domain/actor';
import type { Audience, CityState } from '../domain/state';
import { lookup } from '../domain/keyed';
import {
  actsAs,
  CENTRAL_ROLES,
  CKL_ROLES,
  isOfficerOfDistrict,
  isReadOnly,
} from '../policy/predicates';
import { canSee } from '../visibility';
import type { Attachment, AttachmentTarget, LibraryDocument } from './model';
import { tableGet } from '../domain/table';
import { emptyFilesState } from './model';

/** The crisis staff add photos to any record they see; everyone else only to their own area's. */
const STAFF = (a: Actor) => CENTRAL_ROLES.includes(a.role) || CKL_ROLES.includes(a.role);

/** What an attachment hangs on, as the state knows it now. */
export interface TargetFacts {
  districtId?: string;
  eventId?: string;
  audience?: Audience;
  /** Who wrote it (log entries). */
  authorId?: string;
}

export function targetFacts(
  s: CityState,
  target: AttachmentTarget,
  id: string,
): TargetFacts | undefined {
  if (target === 'report') {
    const r = lookup(s.reports, id);
    return r ? { districtId: r.districtId } : undefined;
  }
  if (target === 'marker') {
    const m = lookup(s.markers, id);
    return m && !m.removed ? { districtId: m.districtId, eventId: m.eventId } : undefined;
  }
  const e = s.log.find((l) => l.id === id);
  return e
    ? { districtId: e.districtId, eventId: e.eventId, audience: e.audience, authorId: e.by.userId }
    : undefined;
}

/** R218: the area's own officer, a log entry's author, or the crisis staff; never a read-only account. */
export function mayAttach(a: Actor, t: TargetFacts | undefined): boolean {
  if (isReadOnly(a)) return false;
  if (!t) return STAFF(a) || a.role === 'district_officer' || a.role === 'unit_officer';
  if (!canSee(a, t.audience)) return false;
  if (STAFF(a)) return true;
  if (t.authorId === a.userId) return true;
  return t.districtId !== undefined && isOfficerOfDistrict(a, t.districtId);
}

/**
 * R219: an attachment is seen by whoever sees its record; marked confidential it is narrowed
 * to the record's district (or the sender's unit), as a confidential log note is.
 */
export function attachmentAudience(
  t: TargetFacts,
  confidential: boolean,
  a: Actor,
): Audience | undefined | 'impossible' {
  if (t.audience) return t.audience;
  if (!confidential) return undefined;
  if (t.districtId) return { districtIds: [t.districtId] };
  if (a.unitId) return { unitIds: [a.unitId] };
  return 'impossible';
}

/** Who removes an attachment: the one who added it, or the crisis staff. */
export const mayRemoveAttachment = (a: Actor, att: Attachment): boolean =>
  a.role !== 'observer' && (att.by.userId === a.userId || STAFF(a));

/** R220: the library is kept by the security chief (or who acts for them) and administrators. */
export const mayKeepLibrary = (a: Actor, s: CityState, now: string): boolean =>
  a.role === 'admin' || actsAs(a, s, now, 'security_chief');

/** R221: a document is read by the roles it is for (everyone when none is named). */
export const mayReadDocument = (
  a: Pick<Actor, 'role' | 'districtId' | 'unitId'>,
  d: LibraryDocument,
): boolean => canSee(a, d.roles.length > 0 ? { roles: d.roles } : undefined);

export const filesOf = (s: CityState) => s.files ?? emptyFilesState();
export const attachmentOf = (s: CityState, id: string) => tableGet(filesOf(s).attachments, id);
export const documentOf = (s: CityState, id: string) => tableGet(filesOf(s).documents, id);
