/**
 * Alarm message templates: {namn} (the person), {lista} (their call list) and {rubrik} (the
 * alarm's title). One fill for every place a message shows (the message sent, the answer
 * page, the console notice, the board and the preview before sending), so none shows a raw
 * placeholder.
 */
export const TEMPLATE_FIELDS = ['namn', 'lista', 'rubrik'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateValues = Partial<Record<TemplateField, string>>;

const PLACEHOLDER = /\{([^{}\s]{1,40})\}/g;

/**
 * Fills the placeholders a value is given for and leaves the others as written (the title is
 * filled when the alarm starts, the person and list when each message goes out).
 */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = (TEMPLATE_FIELDS as readonly string[]).includes(name)
      ? values[name as TemplateField]
      : undefined;
    return v ?? whole;
  });
}

/** Placeholders the template has that no fill knows (a typo such as {namm}), once each. */
export function unknownPlaceholders(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER))
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(m[1])) out.add(`{${m[1]}}`);
  return [...out];
}
