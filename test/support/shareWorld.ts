/**
 * A pure city with an approved situation report to share, and the same city full of things
 * that must never leave it (drafts, confidential notes, staff support, answer links, contact
 * details), each marked with a word the tests look for in everything a share shows.
 */
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { World, roleActor } from './world';

export const lead = roleActor('ckl_lead');
export const analysis = roleActor('ckl_analysis');
export const tib = roleActor('district_officer');

/** A valid keyed hash (the server's HMAC in real use). */
export const hashFor = (n: number) => n.toString(16).padStart(64, 'a').slice(-64);

const inMinutes = (w: World, m: number) => new Date(Date.parse(w.now) + m * 60_000).toISOString();

/** Farsta reports, analysis drafts version 1 of the event's report, the lead approves it. */
export function cityWithApprovedReport() {
  const { w, eventId } = World.withEvent();
  w.ok(tib, 'district.report', {
    districtId: 'farsta',
    basedOnReportId: null,
    status: 'severe',
    happened: 'Strömlöst i hela Farsta sedan 06:40.',
    needs: 'Reservkraft.',
    crisisSupport: 'standby',
    nextReportDue: inMinutes(w, 60),
  });
  w.advance(10);
  const sitrepId = draftAndApprove(w, eventId, 'Läget i Söderort');
  return { w, eventId, sitrepId };
}

export function draftAndApprove(w: World, eventId: string, title: string): string {
  const [drafted] = w.ok(analysis, 'analysis.draftSitrep', {
    eventId,
    title,
    situation: `${title}: strömlöst i Farsta, två äldreboenden på reservkraft.`,
    forecast: 'Minst ett dygn.',
    needs: 'Reservkraft till ett tredje äldreboende.',
  });
  const sitrepId = (drafted.data as { sitrepId: string }).sitrepId;
  w.advance(5);
  w.ok(lead, 'ckl.approveSitrep', { sitrepId });
  w.advance(1);
  return sitrepId;
}

export const futureIso = (w: World, days: number) =>
  new Date(Date.parse(w.now) + days * 86_400_000).toISOString();

/** Every secret word planted by `plantSecrets`. */
export const SECRETS = [
  'HEMLIGUTKAST',
  'HEMLIGRETUR',
  'HEMLIGANTECKNING',
  'HEMLIGPERSON',
  'HEMLIGTBEHOV',
  'HEMLIGTMEDDELANDE',
  'HEMLIGKONTAKT',
  '+46701234567',
  'hemlig@example.se',
  'HEMLIGSVARSLANK',
] as const;

/**
 * Plants what must never leave the city, after the shared version was approved: a newer draft,
 * a returned version, a confidential district note, a staff member's crisis support request,
 * an unpublished message, a contact's phone and e-mail, and an alarm's answer-link hash.
 */
export function plantSecrets(w: World, eventId: string): void {
  w.ok(analysis, 'analysis.draftSitrep', {
    eventId,
    title: 'HEMLIGRETUR rubrik',
    situation: 'HEMLIGRETUR läge',
  });
  const returned = Object.values(w.state.ckl.sitreps).find((r) =>
    r.title.startsWith('HEMLIGRETUR'),
  );
  w.ok(lead, 'ckl.returnSitrep', { sitrepId: returned!.id, comment: 'HEMLIGRETUR kommentar' });
  w.ok(analysis, 'analysis.draftSitrep', {
    eventId,
    title: 'HEMLIGUTKAST rubrik',
    situation: 'HEMLIGUTKAST läge',
    needs: 'HEMLIGUTKAST behov',
  });
  w.ok(tib, 'log.write', {
    districtId: 'farsta',
    text: 'HEMLIGANTECKNING om en brukare',
    confidential: true,
  });
  w.ok(lead, 'administration.requestStaffSupport', {
    person: 'HEMLIGPERSON Andersson',
    need: 'HEMLIGTBEHOV samtalsstöd',
    urgent: true,
  });
  w.ok(roleActor('ckl_information'), 'information.draftMessage', {
    eventId,
    targetGroup: 'public',
    headline: 'HEMLIGTMEDDELANDE rubrik',
    body: 'HEMLIGTMEDDELANDE text',
  });
  w.ok(roleActor('admin'), 'alarm.saveContact', {
    contactId: 'hemlig',
    name: 'HEMLIGKONTAKT Berg',
    phone: '+46701234567',
    email: 'hemlig@example.se',
  });
  w.ok(roleActor('admin'), 'alarm.saveList', {
    listId: 'L',
    name: 'Analys',
    target: { kind: 'ckl', fn: 'analysis' },
    members: ['hemlig'],
    quota: 1,
    timeoutSeconds: 60,
    channels: ['sms'],
  });
  const [started] = w.ok(lead, 'alarm.start', {
    title: 'Inkallning',
    listIds: ['L'],
    message: 'Kom till stadshuset.',
  });
  const alarmId = (started.data as { alarmId: string }).alarmId;
  const key = w.state.alarm.alarms[alarmId].recipients.keys[0];
  w.ok(SYSTEM_ACTOR, 'alarm.issueToken', {
    alarmId,
    key,
    tokenHash: 'HEMLIGSVARSLANK'.padEnd(40, 'x'),
    expiresAt: futureIso(w, 1),
  });
}
