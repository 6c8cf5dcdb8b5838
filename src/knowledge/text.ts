/** Small pure helpers for turning markdown and HTML fragments into plain text. */

const named: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', times: '×', check: '✓', copy: '©', reg: '®', trade: '™',
};

/**
 * Decodes HTML entities (`&#9989;`, `&#x2705;`, `&amp;`); unknown names stay as written.
 * @example decodeEntities('&#9989; it&#39;s') === "✅ it's"
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[body.toLowerCase()] ?? whole;
  });
}

/**
 * Inline markdown to plain text: images become their alt text, links their label, emphasis and tags go.
 * @example inlineToText('See [REST](/refguide/rest/) **now**') === 'See REST now'
 */
export function inlineToText(markdown: string): string {
  // Each pass runs only when its trigger character is there: most prose has no links, tags or emphasis.
  let text = markdown;
  if (text.includes('[')) {
    text = text
      .replace(/!\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)/g, '$1')
      .replace(/\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)/g, '$1')
      .replace(/\[([^\]\n]{0,300})\]\[[^\]\n]{0,100}\]/g, '$1');
  }
  if (text.includes('<')) text = text.replace(/<[^<>\n]{0,300}>/g, ' ');
  if (/[*_~`]/.test(text)) text = text.replace(/(\*\*|__|\*|~~|`)/g, '').replace(/(^|\s)_([^_\n]{1,300})_(?=\s|$|[.,;:!?])/g, '$1$2');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/**
 * A heading anchor as Hugo's default ("github" style) makes it: lowercase, punctuation dropped, spaces to dashes.
 * @example slugify('2.1 Security & Access') === '21-security--access'
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Counts the newlines in `text` (used to keep line numbers while walking tokens). */
export function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
