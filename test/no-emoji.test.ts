/**
 * R142 UI text never contains emoji or other pictographs (Debian's Chromium has no font for
 * many of them and draws empty boxes): the console and the server's pages use the icon set
 * (client/src/components/Icon.tsx). Reads every string, template and JSX text in the sources;
 * comments may name the characters they replace.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });

/** Every piece of text in a source file that can reach a screen, with its line. */
export function uiTexts(file: string, text: string): { line: number; text: string }[] {
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: { line: number; text: string }[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n) ||
      ts.isJsxText(n)
    )
      out.push({ line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: n.text });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

test('R142 the scan finds a pictograph in a string, a template and JSX text, and not in a comment', () => {
  const found = uiTexts(
    'x.tsx',
    "// ⏳ in a comment\nconst a = '🔒';\nconst b = `x ${a} ⚠`;\nconst c = <p>⏳ Skickar</p>;\n",
  ).filter((t) => PICTOGRAPH.test(t.text));
  expect(found.map((t) => t.line)).toEqual([2, 3, 4]);
});

test('R142 no string or JSX text in the console or the server has an emoji or pictograph', () => {
  const files = [
    ...sources(path.join(ROOT, 'client', 'src')),
    ...sources(path.join(ROOT, 'server')),
  ];
  expect(files.length).toBeGreaterThan(50);
  const found = files.flatMap((f) =>
    uiTexts(f, readFileSync(f, 'utf8'))
      .filter((t) => PICTOGRAPH.test(t.text))
      .map((t) => `${path.relative(ROOT, f)}:${t.line}: ${t.text.trim().slice(0, 60)}`),
  );
  expect(found).toEqual([]);
});
