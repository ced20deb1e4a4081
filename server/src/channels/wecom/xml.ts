/**
 * The flat XML WeChat Work speaks: `<xml><Tag><![CDATA[…]]></Tag>…</xml>`. Parsed by hand
 * because a general XML parser would honour DTDs and entity declarations (XXE, entity
 * expansion); this one rejects any `<!…>` other than CDATA, attributes and processing
 * instructions, knows only XML's five predefined entities and numeric references, and
 * bounds input size, nesting and element count.
 */
export const MAX_XML_CHARS = 64 * 1024;
const MAX_DEPTH = 4;
const MAX_ELEMENTS = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}/;
const WHOLE_NAME = new RegExp(`${NAME.source}$`);
const DECLARATION = /^\uFEFF?\s*<\?xml[^<>?]*\?>/;
const ENTITY = /&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export class XmlError extends Error {
  constructor(message: string) {
    super(`malformed XML: ${message}`);
    this.name = 'XmlError';
  }
}

/** Text of each child of the root element, by tag name; children's own children are checked and dropped. */
export type XmlFields = ReadonlyMap<string, string>;

export function parseFlatXml(input: string): XmlFields {
  if (input.length > MAX_XML_CHARS) throw new XmlError('document too large');
  const p = new Parser(input);
  p.skipDeclaration();
  p.skipSpace();
  const root = p.startTag();
  if (root.name !== 'xml' || root.empty) throw new XmlError('root element must be <xml>');
  const fields = new Map<string, string>();
  for (;;) {
    p.skipSpace();
    if (p.atEndTag()) {
      p.endTag('xml');
      break;
    }
    const child = p.startTag();
    const text = child.empty ? '' : p.content(child.name, 2);
    // Two <Encrypt> elements would let the signed one differ from the one read.
    if (fields.has(child.name)) throw new XmlError(`<${child.name}> appears twice`);
    fields.set(child.name, text);
  }
  p.skipSpace();
  p.expectEnd();
  return fields;
}

/** Builds `<xml>` with one child per field: numbers bare, strings as CDATA. */
export function buildFlatXml(fields: Record<string, string | number>): string {
  const children = Object.entries(fields).map(([name, value]) => {
    if (!WHOLE_NAME.test(name)) throw new Error(`invalid XML tag name ${name}`);
    const text = typeof value === 'number' ? String(value) : cdata(value);
    return `<${name}>${text}</${name}>`;
  });
  return `<xml>${children.join('')}</xml>`;
}

// "]]>" cannot appear inside CDATA; it is split across two sections.
const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

class Parser {
  private pos = 0;
  private elements = 0;

  constructor(private readonly s: string) {}

  skipDeclaration(): void {
    const m = DECLARATION.exec(this.s);
    if (m) this.pos = m[0].length;
  }

  skipSpace(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos] ?? '')) this.pos++;
  }

  atEndTag(): boolean {
    return this.s.startsWith('</', this.pos);
  }

  expectEnd(): void {
    if (this.pos !== this.s.length) throw new XmlError('content after the root element');
  }

  startTag(): { name: string; empty: boolean } {
    if (this.s[this.pos] !== '<') throw new XmlError(`expected an element at ${this.pos}`);
    const name = NAME.exec(this.s.slice(this.pos + 1, this.pos + 66))?.[0];
    if (!name) throw new XmlError(`expected an element name at ${this.pos}`);
    this.pos += 1 + name.length;
    this.skipSpace();
    if (++this.elements > MAX_ELEMENTS) throw new XmlError('too many elements');
    if (this.s.startsWith('/>', this.pos)) {
      this.pos += 2;
      return { name, empty: true };
    }
    if (this.s[this.pos] !== '>') throw new XmlError(`attributes are not accepted (<${name}>)`);
    this.pos++;
    return { name, empty: false };
  }

  endTag(name: string): void {
    const close = `</${name}`;
    if (!this.s.startsWith(close, this.pos)) throw new XmlError(`expected </${name}> at ${this.pos}`);
    this.pos += close.length;
    this.skipSpace();
    if (this.s[this.pos] !== '>') throw new XmlError(`bad end tag </${name}>`);
    this.pos++;
  }

  /** Reads up to the element's end tag: its own text and CDATA; nested elements are skipped. */
  content(name: string, depth: number): string {
    let text = '';
    for (;;) {
      const lt = this.s.indexOf('<', this.pos);
      if (lt < 0) throw new XmlError(`<${name}> is not closed`);
      text += decodeText(this.s.slice(this.pos, lt));
      this.pos = lt;
      if (this.s.startsWith('<![CDATA[', lt)) {
        const end = this.s.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlError('unterminated CDATA');
        text += this.s.slice(lt + 9, end);
        this.pos = end + 3;
      } else if (this.s.startsWith('</', lt)) {
        this.endTag(name);
        return text;
      } else if (this.s.startsWith('<!', lt) || this.s.startsWith('<?', lt)) {
        throw new XmlError('declarations, comments and processing instructions are not accepted');
      } else {
        if (depth >= MAX_DEPTH) throw new XmlError('nested too deeply');
        const child = this.startTag();
        if (!child.empty) this.content(child.name, depth + 1);
      }
    }
  }
}

function decodeText(raw: string): string {
  // An '&' that is not one of the references above names an entity only a DTD could define.
  if (raw.replace(ENTITY, '').includes('&')) throw new XmlError('unknown entity reference');
  if (raw.includes(']]>')) throw new XmlError('"]]>" outside CDATA');
  return raw.replace(ENTITY, (_, ref: string) => {
    if (!ref.startsWith('#')) return NAMED[ref] ?? '';
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new XmlError(`bad character reference &${ref};`);
    return String.fromCodePoint(code);
  });
}
