import { describe, expect, it } from 'vitest';
import { buildFlatXml, MAX_XML_CHARS, parseFlatXml } from './xml';

describe('WeChat Work XML', () => {
  it('reads CDATA and plain fields, as in the official samples', () => {
    const f = parseFlatXml(
      '<xml> <ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<Encrypt><![CDATA[abc+/=]]></Encrypt>\n<AgentID><![CDATA[218]]></AgentID>\n</xml>',
    );
    expect(Object.fromEntries(f)).toEqual({ ToUserName: 'wx5823bf96d3bd56c7', Encrypt: 'abc+/=', AgentID: '218' });
    expect(parseFlatXml('<xml><Content>你好</Content><MsgId>1456453720</MsgId></xml>').get('Content')).toBe('你好');
  });

  it('decodes the predefined entities and character references only', () => {
    expect(parseFlatXml('<xml><A>&lt;b&gt; &amp; &quot;&apos; &#20320;&#x597D;</A></xml>').get('A')).toBe(`<b> & "' 你好`);
    expect(() => parseFlatXml('<xml><A>&xxe;</A></xml>')).toThrow(/entity/);
    expect(() => parseFlatXml('<xml><A>AT&T</A></xml>')).toThrow(/entity/);
  });

  it('refuses DTDs, entity declarations, comments and processing instructions', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><A>&e;</A></xml>';
    expect(() => parseFlatXml(xxe)).toThrow();
    expect(() => parseFlatXml('<xml><A><!-- c --></A></xml>')).toThrow(/comments/);
    expect(() => parseFlatXml('<xml><A><?pi x?></A></xml>')).toThrow();
    expect(parseFlatXml('<?xml version="1.0" encoding="UTF-8"?>\n<xml><A>1</A></xml>').get('A')).toBe('1');
  });

  it('refuses malformed structure, attributes, duplicates and oversized input', () => {
    for (const bad of [
      '',
      'success',
      '<xml>',
      '<xml><A>1</B></xml>',
      '<xml><A>1</A>',
      '<xml><A>1</A></xml><xml/>',
      '<root><A>1</A></root>',
      '<xml><A id="1">1</A></xml>',
      '<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>',
      '<xml><A><![CDATA[open</A></xml>',
      '<xml>text<A>1</A></xml>',
      '<xml><A>a]]>b</A></xml>',
      '<xml><A><B><C><D><E>deep</E></D></C></B></A></xml>',
      `<xml>${'<A/>'.repeat(300)}</xml>`,
      `<xml><A>${'x'.repeat(MAX_XML_CHARS)}</A></xml>`,
    ]) {
      expect(() => parseFlatXml(bad), bad.slice(0, 60)).toThrow();
    }
  });

  it('keeps nested children out of the flat fields and accepts empty elements', () => {
    const f = parseFlatXml('<xml><Video><MediaId><![CDATA[m]]></MediaId></Video><Empty/><MsgType>video</MsgType></xml>');
    expect(f.get('MsgType')).toBe('video');
    expect(f.get('Empty')).toBe('');
    expect(f.get('MediaId')).toBeUndefined();
  });

  it('builds XML that parses back, even with "]]>" in the text', () => {
    const fields = { Encrypt: 'a]]>b<c>&', TimeStamp: 1409659813, Nonce: 'n' };
    const xml = buildFlatXml(fields);
    expect(xml.startsWith('<xml><Encrypt><![CDATA[')).toBe(true);
    expect(Object.fromEntries(parseFlatXml(xml))).toEqual({ ...fields, TimeStamp: '1409659813' });
    expect(() => buildFlatXml({ 'bad name': 'x' })).toThrow();
  });
});
