/**
 * A small, strict XML reader for CAP alerts: elements, attributes, text, CDATA, comments and
 * processing instructions, with namespaces resolved. A DOCTYPE is refused outright, so no
 * entity can expand or reach a file or the network (XXE); only the five predefined entities
 * and character references are read.
 */
export interface XmlElement {
  /** Local name, without a prefix. */
  name: string;
  /** Namespace URI, or '' for none. */
  ns: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element. */
  text: string;
}

export class XmlError extends Error {}

const MAX_DEPTH = 64;
const MAX_ELEMENTS = 200_000;
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;

function decodeEntities(s: string, at: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);|&/g, (m, ent: string | undefined) => {
    if (!ent) throw new XmlError(`'&' utan entitet nära tecken ${at}`);
    if (ent[0] === '#') {
      const cp = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      if (!Number.isFinite(cp) || cp > 0x10ffff || cp === 0)
        throw new XmlError(`ogiltig teckenreferens ${m}`);
      return String.fromCodePoint(cp);
    }
    switch (ent) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        throw new XmlError(`okänd entitet &${ent};`);
    }
  });
}

interface Open {
  el: XmlElement;
  qname: string;
  scope: Map<string, string>;
}

/** Parses one XML document; throws XmlError with a reason when it is not well-formed. */
export function parseXml(src: string): XmlElement {
  let i = 0;
  let root: XmlElement | null = null;
  let count = 0;
  const stack: Open[] = [];
  const len = src.length;
  if (src.charCodeAt(0) === 0xfeff) i = 1;

  const resolve = (qname: string, scope: Map<string, string>, isAttr: boolean) => {
    const c = qname.indexOf(':');
    const prefix = c < 0 ? '' : qname.slice(0, c);
    const local = c < 0 ? qname : qname.slice(c + 1);
    if (prefix === '' && isAttr) return { local, ns: '' };
    if (prefix === 'xml') return { local, ns: 'http://www.w3.org/XML/1998/namespace' };
    const ns = scope.get(prefix);
    if (ns === undefined) {
      if (prefix === '') return { local, ns: '' };
      throw new XmlError(`okänt namnrymdsprefix "${prefix}"`);
    }
    return { local, ns };
  };

  while (i < len) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? len : lt;
    if (textEnd > i) {
      const raw = src.slice(i, textEnd);
      if (stack.length === 0) {
        if (raw.trim()) throw new XmlError('text utanför rotelementet');
      } else stack[stack.length - 1].el.text += decodeEntities(raw, i);
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError('kommentaren slutar aldrig');
      i = end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i + 9);
      if (end < 0 || stack.length === 0) throw new XmlError('CDATA utanför ett element');
      stack[stack.length - 1].el.text += src.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (src.startsWith('<!', i))
      throw new XmlError('DOCTYPE och deklarationer tas inte emot (entiteter kan inte expanderas)');
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end < 0) throw new XmlError('processinstruktionen slutar aldrig');
      i = end + 2;
      continue;
    }
    if (src.startsWith('</', i)) {
      const m = NAME.exec(src.slice(i + 2, i + 300));
      const open = stack.pop();
      if (!m || !open) throw new XmlError(`oväntad sluttagg nära tecken ${i}`);
      if (m[0] !== open.qname)
        throw new XmlError(`sluttaggen </${m[0]}> passar inte <${open.qname}>`);
      const gt = src.indexOf('>', i);
      if (gt < 0 || src.slice(i + 2 + m[0].length, gt).trim())
        throw new XmlError(`trasig sluttagg </${m[0]}>`);
      i = gt + 1;
      continue;
    }
    // Start tag.
    const m = NAME.exec(src.slice(i + 1, i + 300));
    if (!m) throw new XmlError(`trasig tagg nära tecken ${i}`);
    const qname = m[0];
    let j = i + 1 + qname.length;
    const rawAttrs: [string, string][] = [];
    let selfClosing = false;
    for (;;) {
      while (j < len && /\s/.test(src[j])) j++;
      if (j >= len) throw new XmlError(`taggen <${qname}> slutar aldrig`);
      if (src[j] === '>') {
        j++;
        break;
      }
      if (src[j] === '/' && src[j + 1] === '>') {
        selfClosing = true;
        j += 2;
        break;
      }
      const an = NAME.exec(src.slice(j, j + 300));
      if (!an) throw new XmlError(`trasigt attribut i <${qname}>`);
      j += an[0].length;
      while (/\s/.test(src[j] ?? '')) j++;
      if (src[j] !== '=') throw new XmlError(`attributet ${an[0]} saknar värde`);
      j++;
      while (/\s/.test(src[j] ?? '')) j++;
      const q = src[j];
      if (q !== '"' && q !== "'") throw new XmlError(`attributet ${an[0]} saknar citattecken`);
      const end = src.indexOf(q, j + 1);
      if (end < 0) throw new XmlError(`attributet ${an[0]} slutar aldrig`);
      const value = src.slice(j + 1, end);
      if (value.includes('<')) throw new XmlError(`'<' i attributet ${an[0]}`);
      if (rawAttrs.some(([k]) => k === an[0]))
        throw new XmlError(`attributet ${an[0]} förekommer två gånger`);
      rawAttrs.push([an[0], decodeEntities(value, j)]);
      j = end + 1;
    }
    const parentScope = stack.length ? stack[stack.length - 1].scope : new Map<string, string>();
    let scope = parentScope;
    for (const [k, v] of rawAttrs)
      if (k === 'xmlns' || k.startsWith('xmlns:')) {
        if (scope === parentScope) scope = new Map(parentScope);
        scope.set(k === 'xmlns' ? '' : k.slice(6), v);
      }
    const { local, ns } = resolve(qname, scope, false);
    const attrs = new Map<string, string>();
    for (const [k, v] of rawAttrs) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      attrs.set(resolve(k, scope, true).local, v);
    }
    const el: XmlElement = { name: local, ns, attrs, children: [], text: '' };
    if (++count > MAX_ELEMENTS) throw new XmlError('för många element');
    if (stack.length === 0) {
      if (root) throw new XmlError('mer än ett rotelement');
      root = el;
    } else stack[stack.length - 1].el.children.push(el);
    if (!selfClosing) {
      stack.push({ el, qname, scope });
      if (stack.length > MAX_DEPTH) throw new XmlError('för djupt nästlat');
    }
    i = j;
  }
  if (stack.length) throw new XmlError(`<${stack[stack.length - 1].qname}> stängs aldrig`);
  if (!root) throw new XmlError('inget rotelement');
  return root;
}
