/**
 * Official warnings (varningar) from outside the city: SMHI's impact-based weather warnings,
 * VMA (viktigt meddelande till allmänheten) and CAP 1.2 alerts. They are context for the
 * console, never events in its log. One model for every source, checked at run time.
 * Rules R130–R139 in docs/rules.md.
 */
import { z } from 'zod';

export const WARNING_SOURCES = ['smhi', 'vma', 'cap'] as const;
export const WarningSource = z.enum(WARNING_SOURCES);
export type WarningSource = z.infer<typeof WarningSource>;
export const WARNING_SOURCE_LABEL: Record<WarningSource, string> = {
  smhi: 'SMHI',
  vma: 'VMA',
  cap: 'CAP',
};

export const WARNING_LEVELS = ['message', 'yellow', 'orange', 'red'] as const;
export const WarningLevel = z.enum(WARNING_LEVELS);
export type WarningLevel = z.infer<typeof WarningLevel>;
/** The level in words: a level is never told by colour alone (R133). */
export const WARNING_LEVEL_LABEL: Record<WarningLevel, string> = {
  message: 'Meddelande',
  yellow: 'Gul varning',
  orange: 'Orange varning',
  red: 'Röd varning',
};
/** Swedish word as SMHI writes it (gul, orange, röd, meddelande). */
export const WARNING_LEVEL_WORD: Record<WarningLevel, string> = {
  message: 'meddelande',
  yellow: 'gul',
  orange: 'orange',
  red: 'röd',
};
export const warningLevelRank = (l: WarningLevel): number => WARNING_LEVELS.indexOf(l);

export const WARNING_STATUSES = ['Actual', 'Test', 'Exercise'] as const;
export const WarningStatus = z.enum(WARNING_STATUSES);
export type WarningStatus = z.infer<typeof WarningStatus>;
export const WARNING_STATUS_LABEL: Record<WarningStatus, string> = {
  Actual: 'Skarpt',
  Test: 'Test',
  Exercise: 'Övning',
};
/** What a Test or Exercise message says wherever it is shown (R134). */
export const NOT_REAL_MARK = 'TEST – inte ett verkligt meddelande';

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** A linear ring: closed, at least four positions (RFC 7946 §3.1.6). */
const Ring = z
  .array(Position)
  .min(4, 'en ring behöver minst fyra punkter')
  .max(20_000, 'för många punkter i en ring')
  .refine((r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1], {
    message: 'ringen är inte sluten',
  });
export const WarningGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1).max(200) }).strict(),
  z
    .object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(Ring).min(1).max(200)).min(1).max(500),
    })
    .strict(),
]);
export type WarningGeometry = z.infer<typeof WarningGeometry>;

const Text = (max: number) => z.string().max(max);
const Iso = z.iso.datetime({ offset: true });

export const WarningSchema = z
  .object({
    source: WarningSource,
    /** Unique within its source; the feed's own identifier where it has one. */
    id: z.string().min(1).max(200),
    level: WarningLevel,
    headline: Text(400),
    event: Text(200),
    description: Text(8000),
    onset: Iso.nullable(),
    expires: Iso.nullable(),
    status: WarningStatus,
    areaNames: z.array(Text(300)).max(200),
    /** SCB county codes (län), two digits; "00" is the whole country. */
    counties: z.array(z.string().regex(/^\d{2}$/)).max(30),
    geometry: WarningGeometry.nullable(),
    link: z
      .url({ protocol: /^https?$/ })
      .max(1000)
      .nullable(),
    sender: Text(300),
    published: Iso.nullable(),
  })
  .strict();
export type Warning = z.infer<typeof WarningSchema>;

/** A parser's verdict on one feed response: warnings, or a reason in words. */
export type ParseResult = { ok: true; warnings: Warning[] } | { ok: false; reason: string };

/** Bytes a feed response may have before it is refused unread (R131). */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;
export const MAX_WARNINGS_PER_FEED = 500;

export const refused = (reason: string): ParseResult => ({ ok: false, reason });

/** Size bound first, then JSON; the reason names what was wrong. */
export function parseJsonBounded(
  text: string,
  maxBytes = MAX_FEED_BYTES,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxBytes)
    return { ok: false, reason: `svaret är för stort (${bytes} byte, högst ${maxBytes})` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, reason: `ogiltig JSON: ${(err as Error).message.slice(0, 200)}` };
  }
}

/** A zod failure as one line: where and what. */
export function describeIssue(err: z.ZodError): string {
  const i = err.issues[0];
  const where = i.path.length ? i.path.map(String).join('.') : '(roten)';
  return `${where}: ${i.message}`;
}

/** Every warning checked against the model before it is kept; the first bad one refuses all. */
export function checkWarnings(ws: Warning[]): ParseResult {
  if (ws.length > MAX_WARNINGS_PER_FEED)
    return refused(`för många varningar (${ws.length}, högst ${MAX_WARNINGS_PER_FEED})`);
  const out: Warning[] = [];
  for (const w of ws) {
    const r = WarningSchema.safeParse(w);
    if (!r.success) return refused(`varning ${w.id}: ${describeIssue(r.error)}`);
    out.push(r.data);
  }
  return { ok: true, warnings: out };
}

/** Two-digit county code (län) from a county or municipality code ("0180" → "01"). */
export function countyOf(code: string): string | null {
  const c = code.trim();
  if (/^\d{2}$/.test(c)) return c;
  if (/^\d{4}$/.test(c)) return c.slice(0, 2);
  return null;
}

export const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** ISO time, normalised; null for what is not a time. */
export function isoOrNull(v: unknown): string | null {
  if (typeof v !== 'string' || !v.trim()) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString();
}

/**
 * A warning named as the basis of what the city does (a disruption opened from it, a log
 * entry): enough to find it again at its source, kept in the log (R139).
 */
export const WarningRefSchema = z
  .object({
    source: WarningSource,
    id: z.string().min(1).max(200),
    level: WarningLevel,
    headline: z.string().max(400),
    link: z
      .url({ protocol: /^https?$/ })
      .max(1000)
      .nullable(),
  })
  .strict();
export type WarningRef = z.infer<typeof WarningRefSchema>;

/** The roles a new warning touching Stockholm county draws the attention of, until set (R135). */
export const DEFAULT_ATTENTION_ROLES = ['ckl_analysis', 'director'] as const;
