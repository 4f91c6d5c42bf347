/**
 * Scenario scripts (övningsscenarier): the format, its validation and the exercise clock.
 * The format is documented in docs/scenarios.md; every error names its path
 * ("injects[3].at: …") in Swedish and English, so the person writing a script can fix it.
 */
import { z } from 'zod';
import { CrisisSupportState, DistrictStatus, MarkerKind, Role } from '../domain/vocabulary';
import { DIVISIONS } from '../domain/division';
import {
  WarningLevel,
  WarningSource,
  WarningStatus,
  WARNING_SOURCE_LABEL,
} from '../warnings/model';

/** "hh:mm" or "hh:mm:ss" after the exercise start, in exercise time. */
const CLOCK_RE = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;
export const Clock = z
  .string()
  .regex(
    CLOCK_RE,
    'ange tiden som tt:mm efter övningsstart, t.ex. "01:30" / give the time as hh:mm after the start, e.g. "01:30"',
  );

/** Milliseconds of exercise time for a clock string (validated by `Clock`). */
export function clockToMs(clock: string): number {
  const m = CLOCK_RE.exec(clock);
  if (!m) throw new Error(`invalid clock ${clock}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}

export function msToClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return s ? `${hm}:${String(s).padStart(2, '0')}` : hm;
}

const Slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,39}$/,
    'använd a–z, 0–9, - och _ (högst 40 tecken) / use a–z, 0–9, - and _ (at most 40 characters)',
  );
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'får inte vara tomt / must not be empty')
    .max(max, `högst ${max} tecken / at most ${max} characters`);
const OptText = (max: number) =>
  z.string().trim().max(max, `högst ${max} tecken / at most ${max} characters`).default('');

export const MESSAGE_CHANNELS = [
  'phone',
  'email',
  'sms',
  'rakel',
  'radio',
  'media',
  'web',
] as const;
export const MessageChannel = z.enum(MESSAGE_CHANNELS);
export type MessageChannel = z.infer<typeof MessageChannel>;
export const MESSAGE_CHANNEL_LABEL: Record<MessageChannel, string> = {
  phone: 'Telefon',
  email: 'E-post',
  sms: 'SMS',
  rakel: 'Rakel',
  radio: 'Radio',
  media: 'Media',
  web: 'Webb/sociala medier',
};

const InjectBase = {
  id: Slug,
  at: Clock,
  /** For the exercise leader only: why this inject, what to look for. */
  note: OptText(2000).optional(),
};

const EventOwnerInput = z.union([
  z.literal('central'),
  z.object({ district: Slug }).strict(),
  z.object({ unit: Slug }).strict(),
]);

export const InjectSchema = z.discriminatedUnion('kind', [
  /** A new crisis event (händelse), opened as if by its owner. */
  z
    .object({
      ...InjectBase,
      kind: z.literal('event'),
      ref: Slug,
      title: Text(200),
      description: OptText(4000),
      owner: EventOwnerInput,
      affectedDistricts: z.array(Slug).max(20).default([]),
      affectedUnits: z.array(Slug).max(20).default([]),
    })
    .strict(),
  /** A message from an external actor (SMHI, Ellevio, Polisen, a journalist …). */
  z
    .object({
      ...InjectBase,
      kind: z.literal('message'),
      from: Text(200),
      channel: MessageChannel.default('phone'),
      to: z
        .union([
          z.literal('all'),
          z
            .object({
              roles: z.array(Role).max(12).optional(),
              districts: z.array(Slug).max(20).optional(),
            })
            .strict(),
        ])
        .default('all'),
      subject: OptText(200).optional(),
      text: Text(4000),
      event: Slug.optional(),
    })
    .strict(),
  /** A district situation report played by exercise control (motspel). */
  z
    .object({
      ...InjectBase,
      kind: z.literal('report'),
      district: Slug,
      status: DistrictStatus,
      happened: Text(4000),
      consequences: OptText(4000),
      actions: OptText(4000),
      needs: OptText(4000),
      crisisSupport: CrisisSupportState.default('not_active'),
      nextReportIn: Clock.default('01:00'),
    })
    .strict(),
  /** A place or incident on the map. */
  z
    .object({
      ...InjectBase,
      kind: z.literal('marker'),
      marker: MarkerKind,
      label: Text(200),
      district: Slug,
      lat: z
        .number()
        .min(58.5, 'ligger utanför Stockholm / outside Stockholm')
        .max(60.5, 'ligger utanför Stockholm / outside Stockholm'),
      lng: z
        .number()
        .min(17, 'ligger utanför Stockholm / outside Stockholm')
        .max(19.5, 'ligger utanför Stockholm / outside Stockholm'),
      event: Slug.optional(),
    })
    .strict(),
  /**
   * An official warning (SMHI, VMA, CAP) as the exercise's world publishes it: shown on the
   * exercise's map and warning list once played, never a live feed's (R138).
   */
  z
    .object({
      ...InjectBase,
      kind: z.literal('warning'),
      source: WarningSource.default('smhi'),
      level: WarningLevel,
      headline: Text(400),
      event: Text(200),
      description: OptText(4000),
      /** The message's own status in the exercise's world; the ÖVNING banner marks it anyway. */
      status: WarningStatus.default('Actual'),
      areaNames: z.array(Text(300)).max(20).default([]),
      counties: z
        .array(
          z
            .string()
            .regex(
              /^\d{2}$/,
              'ange länskoden med två siffror, t.ex. "01" / give the county code as two digits, e.g. "01"',
            ),
        )
        .max(30)
        .default([]),
      /** The area as [lng, lat] points, closed (first = last). */
      polygon: z
        .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
        .min(4, 'minst fyra punkter / at least four points')
        .max(2000)
        .refine(
          (r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1],
          'polygonen måste vara sluten (första punkten = sista) / the polygon must be closed',
        )
        .optional(),
      /** How long it is in force after it is played, in exercise time. */
      validFor: Clock.default('06:00'),
      link: z
        .url({ protocol: /^https?$/ })
        .max(1000)
        .optional(),
    })
    .strict(),
]);
export type Inject = z.output<typeof InjectSchema>;
export type InjectInput = z.input<typeof InjectSchema>;
export type InjectKind = Inject['kind'];
export const INJECT_KIND_LABEL: Record<InjectKind, string> = {
  event: 'Ny händelse',
  message: 'Meddelande',
  report: 'Lägesrapport',
  marker: 'Kartmarkering',
  warning: 'Varning',
};

export const MAX_INJECTS = 500;
export const SCENARIO_FORMAT = 'lagesbild-scenario/1';

export const ScenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT, {
      message: `ska vara "${SCENARIO_FORMAT}" / must be "${SCENARIO_FORMAT}"`,
    }),
    id: Slug,
    title: Text(200),
    description: OptText(4000),
    division: z.enum(
      Object.keys(DIVISIONS) as [keyof typeof DIVISIONS, ...(keyof typeof DIVISIONS)[]],
    ),
    /** Planned length in exercise time, for the leader's overview. */
    duration: Clock.optional(),
    /** What the exercise trains: shown to the leader and in the after-action report. */
    objectives: z.array(Text(400)).max(20).default([]),
    injects: z
      .array(InjectSchema)
      .min(1, 'minst en inject behövs / at least one inject is needed')
      .max(MAX_INJECTS, `högst ${MAX_INJECTS} injects / at most ${MAX_INJECTS} injects`),
  })
  .strict()
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    const refs = new Map<string, number>();
    s.injects.forEach((inj, i) => {
      if (ids.has(inj.id))
        ctx.addIssue({
          code: 'custom',
          path: ['injects', i, 'id'],
          message: `id "${inj.id}" används redan / id "${inj.id}" is already used`,
        });
      ids.add(inj.id);
      if (inj.kind === 'event') {
        if (refs.has(inj.ref))
          ctx.addIssue({
            code: 'custom',
            path: ['injects', i, 'ref'],
            message: `händelsen "${inj.ref}" skapas redan av en annan inject / event "${inj.ref}" is already created by another inject`,
          });
        refs.set(inj.ref, clockToMs(inj.at));
      }
    });
    s.injects.forEach((inj, i) => {
      if ((inj.kind === 'message' || inj.kind === 'marker') && inj.event) {
        const at = refs.get(inj.event);
        if (at === undefined || at > clockToMs(inj.at))
          ctx.addIssue({
            code: 'custom',
            path: ['injects', i, 'event'],
            message: `okänd händelse "${inj.event}": den måste skapas av en inject med kind: event som kommer tidigare / unknown event "${inj.event}": it must be created by an earlier inject of kind: event`,
          });
      }
    });
  });
export type Scenario = z.output<typeof ScenarioSchema>;

/** "injects[3].at" from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(roten / root)';
}

type Issue = z.core.$ZodIssue;

/** One issue in words, in Swedish and English, independent of zod's locale. */
function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'saknas / is missing'
        : `har fel typ, väntade ${issue.expected} / wrong type, expected ${issue.expected}`;
    case 'invalid_value':
      return `måste vara en av: ${issue.values.map((v) => JSON.stringify(v)).join(', ')} / must be one of these`;
    case 'unrecognized_keys':
      return `okänt fält: ${issue.keys.join(', ')} / unknown field: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator)
        return `okänd kind; använd event, message, report, marker eller warning / unknown kind; use event, message, report, marker or warning`;
      return 'har fel form / has the wrong shape';
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
      return issue.message;
    default:
      return issue.message;
  }
}

export interface ScenarioError {
  path: string;
  /** The raw path, for locating the line in the source file. */
  rawPath: PropertyKey[];
  message: string;
}

export type ScenarioResult =
  { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** Validates a parsed scenario document (from YAML or JSON). */
export function validateScenario(doc: unknown): ScenarioResult {
  const r = ScenarioSchema.safeParse(doc);
  if (r.success) return { ok: true, scenario: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({
      path: formatPath(i.path),
      rawPath: [...i.path],
      message: describe(i),
    })),
  };
}

/** What a scenario needs to know about the division the exercise runs on. */
export interface DivisionFacts {
  districtIds: ReadonlySet<string>;
  unitIds: ReadonlySet<string>;
  districtAt?: (lat: number, lng: number) => string | undefined;
}

/** Checks that districts, units and map points exist in the division the exercise will use. */
export function checkInjectsAgainstDivision(
  injects: readonly Inject[],
  facts: DivisionFacts,
  pathPrefix: PropertyKey[] = ['injects'],
): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const err = (i: number, field: PropertyKey, message: string) => {
    const rawPath = [...pathPrefix, i, field];
    errors.push({ path: formatPath(rawPath), rawPath, message });
  };
  const district = (i: number, field: string, id: string) => {
    if (!facts.districtIds.has(id))
      err(
        i,
        field,
        `okänt stadsdelsområde "${id}" i indelningen / unknown district "${id}" in the division`,
      );
  };
  injects.forEach((inj, i) => {
    switch (inj.kind) {
      case 'event':
        if (typeof inj.owner === 'object' && 'district' in inj.owner)
          district(i, 'owner', inj.owner.district);
        if (
          typeof inj.owner === 'object' &&
          'unit' in inj.owner &&
          !facts.unitIds.has(inj.owner.unit)
        )
          err(
            i,
            'owner',
            `okänd förvaltning eller bolag "${inj.owner.unit}" / unknown unit "${inj.owner.unit}"`,
          );
        inj.affectedDistricts.forEach((d) => district(i, 'affectedDistricts', d));
        for (const u of inj.affectedUnits)
          if (!facts.unitIds.has(u))
            err(i, 'affectedUnits', `okänd förvaltning eller bolag "${u}" / unknown unit "${u}"`);
        break;
      case 'message':
        if (inj.to !== 'all') (inj.to.districts ?? []).forEach((d) => district(i, 'to', d));
        break;
      case 'report':
        district(i, 'district', inj.district);
        break;
      case 'marker': {
        district(i, 'district', inj.district);
        const at = facts.districtAt?.(inj.lat, inj.lng);
        if (facts.districtAt && facts.districtIds.has(inj.district) && at !== inj.district)
          err(
            i,
            'lat',
            `punkten (${inj.lat}, ${inj.lng}) ligger inte i "${inj.district}"${at ? ` utan i "${at}"` : ''} / the point is not inside "${inj.district}"`,
          );
        break;
      }
      case 'warning':
        break;
      default: {
        const never: never = inj;
        throw new Error(`unhandled inject ${JSON.stringify(never)}`);
      }
    }
  });
  return errors;
}

/** Injects in the order they are played: by time, ties in file order. */
export function playOrder<T extends { at: string }>(injects: readonly T[]): T[] {
  return injects
    .map((inj, i) => ({ inj, i, ms: clockToMs(inj.at) }))
    .sort((a, b) => a.ms - b.ms || a.i - b.i)
    .map((x) => x.inj);
}

/** A short line for lists: what the inject is. */
export function injectTitle(
  inj: Inject,
  districtName: (id: string) => string = (id) => id,
): string {
  switch (inj.kind) {
    case 'event':
      return inj.title;
    case 'message':
      return `${inj.from}: ${inj.subject || (inj.text.length > 90 ? `${inj.text.slice(0, 89).trimEnd()}…` : inj.text)}`;
    case 'report':
      return `Lägesrapport ${districtName(inj.district)}`;
    case 'marker':
      return inj.label;
    case 'warning':
      return `${WARNING_SOURCE_LABEL[inj.source]}: ${inj.headline}`;
    default: {
      const never: never = inj;
      return String(never);
    }
  }
}
