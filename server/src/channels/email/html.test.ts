import { describe, expect, it } from 'vitest';
import { PLACEHOLDER } from '../placeholders';
import { dataImageSources, sanitizeMailHtml, textOfSanitizedHtml } from './html';
import { parseEmail } from './parse';
import { fixture } from './testing';

const hostileHtml = async () => (await parseEmail(fixture('html-hostile.eml'))).html!;

describe('sanitising mail HTML', () => {
  it('removes script, handlers, styles, frames and forms, and keeps the text and basic formatting', async () => {
    const html = sanitizeMailHtml(await hostileHtml(), () => null);
    for (const banned of ['<script', 'onerror', 'onload', 'onclick', 'style', 'class=', '<iframe', '<form', '<input', 'javascript:', '标题不应出现', 'alert(']) {
      expect(html).not.toContain(banned);
    }
    expect(html).toContain('<p>充值失败截图如下，订单号 DD202611220003：</p>');
  });

  it('keeps http(s) links, opened without access to the workstation', async () => {
    const html = sanitizeMailHtml(await hostileHtml(), () => null);
    expect(html).toContain('<a href="https://shop.example.com/orders/DD202611220003" rel="noopener noreferrer nofollow" target="_blank">订单页</a>');
    expect(html).toContain('<a>点我</a>');
    expect(sanitizeMailHtml('<a href="/api/sync/pull">x</a><a href="//evil.example.net/">y</a>', () => null)).toBe('<a>x</a><a>y</a>');
  });

  it('shows only images it can point at stored copies, never remote ones', async () => {
    const seen: string[] = [];
    const html = sanitizeMailHtml(await hostileHtml(), (src) => {
      seen.push(src.slice(0, 20));
      return src.startsWith('cid:') ? '/api/attachments/CID' : src.startsWith('data:image/png') ? '/api/attachments/DATA' : null;
    });
    // The remote tracking pixel is dropped before any resolver sees it.
    expect(seen).toEqual(['cid:shot001@mail.exa', 'data:image/png;base6', 'data:image/svg+xml;b']);
    expect(html).toContain('<img src="/api/attachments/CID" alt="截图" />');
    expect(html).toContain('<img src="/api/attachments/DATA" alt="内嵌" />');
    expect(html).not.toContain('tracker.example.net');
    expect(html.match(/<img/g)).toHaveLength(2);
  });

  it('lists the data: images it would keep', async () => {
    expect((await dataImageSources(await hostileHtml())).map((s) => s.slice(0, 15))).toEqual(['data:image/png;', 'data:image/svg+']);
    expect(dataImageSources('<script><img src="data:image/png;base64,AAAA"></script>')).toEqual([]);
  });

  it('renders plain text from sanitised HTML for mail without a text part', () => {
    const html = sanitizeMailHtml(
      '<p>您好 &amp; 谢谢\n  客服</p><ul><li>订单 DD1</li><li>卡密 ****7Q2M</li></ul><p>见 <a href="https://shop.example.com/o?a=1&b=2">订单页</a> <a href="mailto:support@example.com">support@example.com</a><br>截图：<img src="cid:x"></p><table><tr><td>金额</td><td>¥30</td></tr></table>',
      () => '/api/attachments/X',
    );
    expect(textOfSanitizedHtml(html)).toBe(
      ['您好 & 谢谢 客服', '• 订单 DD1', '• 卡密 ****7Q2M', '见 订单页 (https://shop.example.com/o?a=1&b=2) support@example.com', `截图：${PLACEHOLDER.image}`, '金额 ¥30'].join('\n'),
    );
  });
});
