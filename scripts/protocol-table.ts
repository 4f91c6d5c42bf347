/**
 * Prints the command table of one module for docs/protocol.md:
 * `npx tsx scripts/protocol-table.ts exercise` (the prefix of the command types).
 */
import type { z } from 'zod';
import { COMMANDS } from '../shared/commands';

const prefixes = process.argv.slice(2);
const fields = (schema: z.ZodType): string => {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return '';
  return Object.entries(shape)
    .map(([k, v]) => (v.safeParse(undefined).success ? `${k}?` : k))
    .join(', ');
};
for (const [type, def] of Object.entries(COMMANDS)) {
  if (!prefixes.some((p) => type.startsWith(`${p}.`))) continue;
  console.log(`| \`${type}\` | \`{${fields(def.payload as z.ZodType)}}\` | ${def.label} |`);
}
