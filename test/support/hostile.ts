/**
 * Hostile values and payloads built from each command's own schema: every string leaf (or
 * only the id-like ones) carries the hostile value, everything else is made valid, so the
 * value gets past validation and into the decision, the reducer and the log.
 */
import type { z } from 'zod';

export const HOSTILE: readonly { name: string; value: string }[] = [
  { name: '__proto__', value: '__proto__' },
  { name: 'constructor', value: 'constructor' },
  { name: 'toString', value: 'toString' },
  { name: 'hasOwnProperty', value: 'hasOwnProperty' },
  { name: 'valueOf', value: 'valueOf' },
  { name: 'empty', value: '' },
  { name: '10 kB', value: 'x'.repeat(10_240) },
  { name: 'control characters', value: 'a\u0000b\u0007c\u001b[2J\r\nd\u2028e' },
  { name: 'Unicode look-alike', value: 'f\u0430rst\u0430' }, // Cyrillic а in "farsta"
  { name: 'path ../', value: '../../etc/passwd' },
  { name: 'path \\', value: '..\\..\\windows\\system32' },
];

const FUTURE = () => new Date(Date.now() + 2 * 3600_000).toISOString();

interface Def {
  type: string;
  [k: string]: unknown;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
/** The schema's checks (min, max, format, regex) by name. */
function checksOf(s: z.ZodType): Record<string, Record<string, unknown>> {
  const checks = (defOf(s).checks ?? []) as { _zod: { def: Record<string, unknown> } }[];
  const out: Record<string, Record<string, unknown>> = {};
  for (const c of checks) out[String(c._zod.def.check)] = c._zod.def;
  return out;
}

/** Values for the few patterned fields, so the rest of the payload gets through. */
const PATTERNED: [RegExp, string][] = [
  [/0-9\]\{7,15\}/, '+46701234567'],
  [/\[a-z_\]\+/, 'ckl_lead'],
  [/0-9a-f\]\{64\}/, 'a'.repeat(64)],
];

const ID_KEY = /(^id$|Id$|Ids$|^key$|^to$|^series$|^person$|^listId|^contact)/;

/**
 * A value for `schema` with `hostile` in string leaves: all of them (`everywhere`), or only
 * those under an id-like key (the others get a short ordinary text).
 */
export function payloadFor(
  schema: z.ZodType,
  hostile: string,
  everywhere: boolean,
  key = '',
  depth = 0,
): unknown {
  const def = defOf(schema);
  const checks = checksOf(schema);
  const min = checks.min_length?.minimum as number | undefined;
  const str = () => {
    const v = everywhere || ID_KEY.test(key) ? hostile : 'Text';
    // A hostile value that is too short is padded, so a minimum length does not stop it early.
    return min !== undefined && v.length < min && v.length > 0 ? v.padEnd(min, '_') : v;
  };
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(shape)) {
        if (depth > 4) break;
        const value = payloadFor(v, hostile, everywhere, k, depth + 1);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case 'string': {
      const f = checks.string_format;
      const format = String(def.format ?? f?.format ?? '');
      if (format === 'datetime') return FUTURE();
      if (format === 'email') return 'fuzz@example.org';
      if (format === 'url') return 'https://example.org/x';
      if (format === 'regex') {
        const hit = PATTERNED.find(([re]) => re.test(String(f?.pattern)));
        if (hit) return hit[1];
      }
      return str();
    }
    case 'number': {
      const lo = (checks.greater_than?.value as number | undefined) ?? 0;
      const hi = (checks.less_than?.value as number | undefined) ?? lo + 2;
      const mid = (lo + hi) / 2;
      return Number.isInteger(lo) && Number.isInteger(hi) ? Math.floor(mid) : mid;
    }
    case 'int':
      return 1;
    case 'boolean':
      return true;
    case 'literal':
      return (def.values as unknown[])[0];
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'array': {
      const el = payloadFor(def.element as z.ZodType, hostile, everywhere, key, depth + 1);
      return el === undefined ? [] : [el];
    }
    case 'record':
      return {
        [everywhere ? hostile : 'k']: payloadFor(
          def.valueType as z.ZodType,
          hostile,
          everywhere,
          key,
          depth + 1,
        ),
      };
    case 'tuple':
      return (def.items as z.ZodType[]).map((i) =>
        payloadFor(i, hostile, everywhere, key, depth + 1),
      );
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return payloadFor(def.innerType as z.ZodType, hostile, everywhere, key, depth);
    case 'pipe':
      return payloadFor(def.in as z.ZodType, hostile, everywhere, key, depth);
    case 'union':
      return payloadFor((def.options as z.ZodType[])[0], hostile, everywhere, key, depth);
    case 'intersection':
      return {
        ...(payloadFor(def.left as z.ZodType, hostile, everywhere, key, depth) as object),
        ...(payloadFor(def.right as z.ZodType, hostile, everywhere, key, depth) as object),
      };
    case 'lazy':
      return depth > 3
        ? undefined
        : payloadFor((def.getter as () => z.ZodType)(), hostile, everywhere, key, depth + 1);
    case 'null':
      return null;
    default:
      return undefined;
  }
}
