import { z } from 'zod';

/** Roles as the domain brief names them (docs/rules.md R1). */
export const ROLES = [
  'chair', // krisledningsnämndens ordförande
  'director', // stadsdirektör
  'security_chief', // stadens säkerhetschef
  'ckl_lead', // stabschef
  'ckl_liaison', // samverkansfunktionen
  'ckl_analysis', // analysfunktionen
  'ckl_information', // informationsfunktionen
  'ckl_admin', // administrativa funktionen
  'district_officer', // tjänsteperson i beredskap (TiB)
  'unit_officer', // säkerhetssamordnare
  'board_member', // ledamot i krisledningsnämnden
  'observer', // e.g. kommunstyrelsens presidium
  'admin', // systemadministratör
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABEL: Record<Role, string> = {
  chair: 'Krisledningsnämndens ordförande',
  director: 'Stadsdirektör',
  security_chief: 'Säkerhetschef',
  ckl_lead: 'Stabschef (CKL)',
  ckl_liaison: 'Samverkansfunktionen',
  ckl_analysis: 'Analysfunktionen',
  ckl_information: 'Informationsfunktionen',
  ckl_admin: 'Administrativa funktionen',
  district_officer: 'TiB stadsdelsområde',
  unit_officer: 'Säkerhetssamordnare',
  board_member: 'Ledamot i krisledningsnämnden',
  observer: 'Observatör',
  admin: 'Systemadministratör',
};

/** Roles that may be held by a deputy through a recorded delegation (R14). */
export const DELEGABLE_ROLES = ['chair', 'director', 'security_chief', 'ckl_lead'] as const;
export const DelegableRole = z.enum(DELEGABLE_ROLES);
export type DelegableRole = z.infer<typeof DelegableRole>;

export const DEPUTY_LABEL: Record<DelegableRole, string> = {
  chair: 'vice ordförande',
  director: 'tjänstgörande stadsdirektör',
  security_chief: 'tjänstgörande säkerhetschef',
  ckl_lead: 'tjänstgörande stabschef',
};

/** The three levels of an event, rising (R5–R8). */
export const LEVELS = ['disruption', 'serious', 'extraordinary'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;
export const LEVEL_LABEL: Record<Level, string> = {
  disruption: 'Störning',
  serious: 'Allvarlig händelse',
  extraordinary: 'Extraordinär händelse',
};
export const levelRank = (l: Level): number => LEVELS.indexOf(l);

/** höjd beredskap, a city-wide state recorded from a government decision (R12). */
export const HEIGHTENED_ALERT = ['none', 'elevated', 'highest'] as const;
export const HeightenedAlertLevel = z.enum(HEIGHTENED_ALERT);
export type HeightenedAlertLevel = z.infer<typeof HeightenedAlertLevel>;
export const HEIGHTENED_ALERT_LABEL: Record<HeightenedAlertLevel, string> = {
  none: 'Ingen höjd beredskap',
  elevated: 'Skärpt beredskap',
  highest: 'Högsta beredskap',
};

/** The four CKL functions (R9). */
export const CKL_FUNCTIONS = ['liaison', 'analysis', 'information', 'admin'] as const;
export const CklFunction = z.enum(CKL_FUNCTIONS);
export type CklFunction = z.infer<typeof CklFunction>;
export const CKL_FUNCTION_LABEL: Record<CklFunction, string> = {
  liaison: 'Samverkan',
  analysis: 'Analys',
  information: 'Information',
  admin: 'Administration',
};
/** The CKL role that staffs each function. */
export const FUNCTION_ROLE: Record<CklFunction, Role> = {
  liaison: 'ckl_liaison',
  analysis: 'ckl_analysis',
  information: 'ckl_information',
  admin: 'ckl_admin',
};

/** A district's self-reported status on the map. */
export const DISTRICT_STATUSES = ['normal', 'strained', 'severe', 'critical'] as const;
export const DistrictStatus = z.enum(DISTRICT_STATUSES);
export type DistrictStatus = z.infer<typeof DistrictStatus>;
export const DISTRICT_STATUS_LABEL: Record<DistrictStatus, string> = {
  normal: 'Normalläge',
  strained: 'Ansträngt',
  severe: 'Allvarligt',
  critical: 'Kritiskt',
};

export const CRISIS_SUPPORT_STATES = ['not_active', 'standby', 'active'] as const;
export const CrisisSupportState = z.enum(CRISIS_SUPPORT_STATES);
export type CrisisSupportState = z.infer<typeof CrisisSupportState>;
export const CRISIS_SUPPORT_LABEL: Record<CrisisSupportState, string> = {
  not_active: 'Ej aktiverat',
  standby: 'I beredskap',
  active: 'Aktiverat',
};

export const MARKER_KINDS = [
  'incident',
  'crisis_support_centre',
  'evacuation_site',
  'trygghetspunkt',
] as const;
export const MarkerKind = z.enum(MARKER_KINDS);
export type MarkerKind = z.infer<typeof MarkerKind>;
export const MARKER_KIND_LABEL: Record<MarkerKind, string> = {
  incident: 'Incident',
  crisis_support_centre: 'Krisstödscenter',
  evacuation_site: 'Evakueringsplats',
  trygghetspunkt: 'Trygghetspunkt',
};

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  open: 'Öppet',
  in_progress: 'Pågår',
  done: 'Klart',
  cancelled: 'Avbrutet',
};

/**
 * A status word for a value read from a record (a handover's summary, an old event): the
 * Swedish label when it is a known one, never the English key; unknown text is shown as given.
 */
export function labelOf<K extends string>(
  keys: readonly K[],
  labels: Record<K, string>,
  value: string,
): string {
  return (keys as readonly string[]).includes(value) ? labels[value as K] : value;
}

export const DECISION_KINDS = [
  'event_opened_central_support',
  'central_support',
  'level_raised',
  'level_lowered',
  'ckl_activation',
  'ckl_deactivation',
  'extraordinary_proposal',
  'extraordinary_declaration',
  'urgent_decision',
  'takeover',
  'takeover_ended',
  'board_function_ended',
  'board_decision',
  'heightened_alert',
  'direction',
  'delegation',
  'event_closed',
] as const;
export const DecisionKind = z.enum(DECISION_KINDS);
export type DecisionKind = z.infer<typeof DecisionKind>;
export const DECISION_KIND_LABEL: Record<DecisionKind, string> = {
  event_opened_central_support: 'Centralt stöd',
  central_support: 'Centralt stöd',
  level_raised: 'Höjd nivå',
  level_lowered: 'Sänkt nivå',
  ckl_activation: 'Aktivering av CKL',
  ckl_deactivation: 'Avaktivering av CKL',
  extraordinary_proposal: 'Förslag: extraordinär händelse',
  extraordinary_declaration: 'Beslut: extraordinär händelse',
  urgent_decision: 'Brådskande beslut',
  takeover: 'Övertagande av verksamhetsområde',
  takeover_ended: 'Övertagande avslutat',
  board_function_ended: 'Krisledningsnämndens verksamhet upphör',
  board_decision: 'Krisledningsnämndens beslut',
  heightened_alert: 'Höjd beredskap',
  direction: 'Inriktningsbeslut',
  delegation: 'Delegering',
  event_closed: 'Avslutad händelse',
};
