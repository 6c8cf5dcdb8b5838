/**
 * Turns what people type in Slack into plain text the matcher can read: mentions, channel links, emoji
 * codes, formatting marks, control and invisible characters go; link labels and code stay.
 */

export interface CleanedText {
  text: string;
  /** True when the input was longer than the limit and only its start was read. */
  truncated: boolean;
}

// Zero-width, bidi controls, BOM, soft hyphen, and C0/C1 controls except tab and newline.
const invisible = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g;

/**
 * Cleans one question. Bounded work: the input is cut to `maxChars` before any pattern runs, and every
 * pattern is linear (no nested quantifiers).
 * @example cleanQuestion('<@U123> can *Power BI* read <#C1|design> data? :thinking_face:').text === 'can Power BI read data?'
 */
export function cleanQuestion(input: string, maxChars = 4000): CleanedText {
  const raw = typeof input === 'string' ? input : String(input ?? '');
  const truncated = raw.length > maxChars;
  let text = truncated ? raw.slice(0, maxChars) : raw;
  text = text
    .replace(invisible, ' ')
    // Entities are decoded first, so an escaped `&lt;!channel&gt;` is stripped like a live one below.
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    // Slack entities: user/channel/usergroup mentions and special mentions carry no meaning for the question.
    .replace(/<[@#!][^<>\s]{0,200}>/g, ' ')
    // Links: keep the label, drop bare URLs.
    .replace(/<(?:https?|mailto):[^<>|\s]{0,2000}\|([^<>]{0,500})>/g, '$1')
    .replace(/<(?:https?|mailto):[^<>\s]{0,2000}>/g, ' ')
    // Whatever is left that could still read as a control sequence (`<!chan nel>`, `<<!x>`) loses its `<`: runs
    // of `<` collapse first, so both steps stay linear (`<+(?=[!@#])` rescans a long run at every position).
    .replace(/<{2,}/g, '<')
    .replace(/<(?=[!@#])/g, '')
    .replace(/:[a-z0-9_+-]{1,60}:/g, ' ')
    .replace(/```/g, ' ')
    .replace(/[`*~]/g, ' ')
    .replace(/(^|\s)_([^_\n]{1,500})_(?=\s|$|[.,;:!?])/g, '$1$2')
    .replace(/^\s*>+\s?/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, truncated };
}
