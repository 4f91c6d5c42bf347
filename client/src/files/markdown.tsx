/**
 * Markdown from the document library, drawn as React elements and never as HTML (R222): any
 * tag in the text stays visible text, links go only to http(s) and mailto. Headings, lists,
 * paragraphs, emphasis, code and links: what the city's plans and routines use.
 */
import type { ReactNode } from 'react';

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** Inline marks: `code`, **strong**, *em*, [text](url) (underscores are left as typed). */
export function inline(text: string, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const t = m[0];
    const k = `${key}-${n++}`;
    if (m[1]) out.push(<code key={k}>{t.slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={k}>{inline(t.slice(2, -2), k)}</strong>);
    else if (m[3]) out.push(<em key={k}>{inline(t.slice(1, -1), k)}</em>);
    else {
      const lm = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(t)!;
      const href = lm[2]!;
      out.push(
        SAFE_LINK.test(href) ? (
          <a key={k} href={href} target="_blank" rel="noopener noreferrer">
            {lm[1]}
          </a>
        ) : (
          lm[1]
        ),
      );
    }
    last = m.index + t.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    const k = `b${blocks.length}`;
    if (para.length) blocks.push(<p key={k}>{inline(para.join(' '), k)}</p>);
    para = [];
    if (list) {
      const items = list.items.map((it, i) => <li key={i}>{inline(it, `${k}-${i}`)}</li>);
      blocks.push(list.ordered ? <ol key={`${k}l`}>{items}</ol> : <ul key={`${k}l`}>{items}</ul>);
    }
    list = null;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    const ul = /^\s*[-*+]\s+(.*)$/.exec(line);
    const ol = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (h) {
      flush();
      const level = Math.min(h[1]!.length + 1, 6);
      const k = `b${blocks.length}`;
      const content = inline(h[2]!, k);
      blocks.push(
        level === 2 ? (
          <h2 key={k}>{content}</h2>
        ) : level === 3 ? (
          <h3 key={k}>{content}</h3>
        ) : level === 4 ? (
          <h4 key={k}>{content}</h4>
        ) : (
          <h5 key={k}>{content}</h5>
        ),
      );
    } else if (/^(-{3,}|\*{3,})$/.test(line.trim())) {
      flush();
      blocks.push(<hr key={`b${blocks.length}`} />);
    } else if (ul || ol) {
      const ordered = !ul;
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((ul ?? ol)![1]!);
    } else if (line.trim() === '') flush();
    else if (list && /^\s{2,}/.test(raw)) list.items[list.items.length - 1] += ` ${line.trim()}`;
    else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return <div className="markdown">{blocks}</div>;
}
