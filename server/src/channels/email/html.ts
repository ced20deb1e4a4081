import sanitizeHtml from 'sanitize-html';
import { PLACEHOLDER } from '../placeholders';

/**
 * Maps an image source the mail used (cid:…, data:…) to the URL of the stored file, or
 * null to drop the image. Anything else — remote images in particular, which work as
 * tracking pixels — never reaches this point.
 */
export type ImageResolver = (src: string) => string | null;

const LOCAL_IMAGE = /^(cid|data):/i;
const LINK = /^(https?:|mailto:)/i;

const options = (resolveImage: ImageResolver): sanitizeHtml.IOptions => ({
  allowedTags: [
    ...['p', 'br', 'div', 'span', 'hr', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'sub', 'sup', 'small'],
    ...['blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    ...['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'a', 'img'],
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Image sources are rewritten to our own relative URLs; any scheme left means it was not ours.
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // Their text is not part of the message (Outlook puts the title in <head>).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
  transformTags: {
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href?.trim() ?? '';
      return { tagName, attribs: LINK.test(href) ? { href, rel: 'noopener noreferrer nofollow', target: '_blank' } : {} };
    },
    img: (tagName, attribs) => {
      const src = attribs.src?.trim() ?? '';
      const resolved = LOCAL_IMAGE.test(src) ? resolveImage(src) : null;
      const { alt, width, height } = attribs;
      return { tagName, attribs: { ...(resolved ? { src: resolved } : {}), ...definedOnly({ alt, width, height }) } };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
});

function definedOnly(attrs: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(attrs).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Mail HTML reduced to basic formatting, safe links and our own copies of its images. */
export function sanitizeMailHtml(html: string, resolveImage: ImageResolver): string {
  return sanitizeHtml(html, options(resolveImage)).trim();
}

/** The data: image sources of the images the sanitiser would keep, in document order. */
export function dataImageSources(html: string): string[] {
  const found: string[] = [];
  sanitizeMailHtml(html, (src) => {
    if (/^data:/i.test(src)) found.push(src);
    return null;
  });
  return found;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/**
 * Plain text of sanitised HTML, for mail that came without a text part. The input is the
 * sanitiser's own output (a handful of known tags, text escaped), which is what makes
 * this simple rewrite reliable; it must not be given raw HTML.
 */
export function textOfSanitizedHtml(html: string): string {
  return decode(
    html
      .replace(/\s+/g, ' ')
      .replace(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g, (_, href: string, inner: string) => {
        const target = decode(href).replace(/^mailto:/i, '');
        return inner.includes(target) ? inner : `${inner} (${target})`;
      })
      .replace(/<img[^>]*>/g, PLACEHOLDER.image)
      .replace(/<br ?\/?>|<\/(p|div|li|tr|h[1-6]|blockquote|pre|table|caption)>|<hr ?\/?>/g, '\n')
      .replace(/<li>/g, '• ')
      .replace(/<\/t[dh]>/g, '\t')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
