import type { ActionsBlock, Button, ContextBlock, DividerBlock, HeaderBlock, MrkdwnElement, PlainTextElement, SectionBlock, TableBlock } from '@slack/types';

/**
 * The Block Kit toolkit every Slack renderer shares: the block types this bot posts (from `@slack/types`), the
 * limits it enforces, escaping, clipping, and `fitMessage`, which every message passes before it leaves a renderer.
 * Every string that came from a user or the knowledge base is escaped (& < >), so nothing the bot echoes can become
 * a live `<!channel>`, `<@U…>` or `<!subteam^…>` mention.
 */

/** Block Kit limits this module enforces (https://docs.slack.dev/reference/block-kit/blocks). */
export const limits = Object.freeze({
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  elementsPerActions: 25,
  tableRows: 100,
  tableCells: 20,
  /** Slack truncates `text` beyond 40,000 characters; stay well under it. */
  fallbackText: 3000,
});

/** The blocks this bot posts: a subset of `@slack/types`' `KnownBlock`, so Web API calls take them without casts. */
export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock | TableBlock;
export type TextObject = MrkdwnElement | PlainTextElement;
export type { Button };

/** A message ready for `chat.postMessage`, `respond()` or `chat.postEphemeral`. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Where a message is shown: the buttons differ (only an ephemeral answer can be shared). */
export type Surface = 'ephemeral' | 'thread' | 'dm' | 'shared';

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters.
 * @example escapeText('<!channel> & co') === '&lt;!channel&gt; &amp; co'
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in mrkdwn; the label is escaped and the URL cannot break out of the `<…|…>` form. */
export function link(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c));
  if (!/^https?:\/\//i.test(safeUrl)) return escapeText(label);
  return `<${safeUrl}|${escapeText(label).replace(/\|/g, '¦')}>`;
}

const ellipsis = '…';

/** Cuts plain text to `max` characters (counting the ellipsis). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - 1)).trimEnd() + ellipsis;
}

/**
 * Cuts mrkdwn to `max` characters without leaving half a link (`<https://…`) or half an entity (`&am`), which
 * Slack would render as garbage or reject.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return cut.trimEnd() + ellipsis;
}

/**
 * What a reader sees of mrkdwn: links as their label, entities decoded, bold/italic marks and emoji codes dropped
 * (an emoji counts as one character). Used to hold answers to their length budget.
 * @example visibleText('*Use* <https://x.test|OData> &amp; REST :warning:') === 'Use OData & REST •'
 */
export function visibleText(text: string): string {
  return text
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/(^|[\s(])[*_~]+|[*_~]+(?=[\s).,:;!?]|$)/gm, '$1')
    .replace(/:[a-z0-9_+-]+:/g, '•');
}

/** The texts of a block a reader sees (buttons excluded): section text and fields, context texts, table cells. */
export function blockTexts(block: Block): string[] {
  switch (block.type) {
    case 'header':
      return [block.text.text];
    case 'section':
      return [...(block.text ? [block.text.text] : []), ...(block.fields ?? []).map((f) => f.text)];
    case 'context':
      return block.elements.flatMap((e) => ('text' in e && typeof e.text === 'string' ? [e.text] : []));
    case 'table':
      return block.rows.map((row) => row.map((cell) => ('text' in cell ? String(cell.text) : '')).join(' | '));
    default:
      return [];
  }
}

/** A message as its reader sees it, buttons left out: lines, visible characters, and blocks. */
export function measureMessage(message: { blocks: readonly Block[] }): { lines: number; chars: number; blocks: number } {
  const content = message.blocks.filter((b) => b.type !== 'actions');
  const text = content.flatMap(blockTexts).map(visibleText).join('\n');
  return { lines: text.split('\n').filter((l) => l.trim() !== '').length, chars: text.replace(/\n/g, '').length, blocks: content.length };
}

/** A mrkdwn text object (the text must already be escaped). */
export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });
/** A plain-text object, emoji codes shown as emoji. */
export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
/** A section block of mrkdwn. */
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
/** A context block (small grey text), one mrkdwn element per argument. */
export const context = (...texts: string[]): ContextBlock => ({ type: 'context', elements: texts.map(mrkdwn) });
/** A header block. */
export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text) });
/** A divider block. */
export const divider = (): DividerBlock => ({ type: 'divider' });

function fitText<T extends TextObject>(object: T, max: number): T {
  const text = object.text.trim() === '' ? ' ' : object.text;
  return { ...object, text: object.type === 'mrkdwn' ? clipMrkdwn(text, max) : clip(text, max) };
}

function fitBlock(block: Block): Block {
  switch (block.type) {
    case 'header':
      return { ...block, text: fitText(block.text, limits.headerText) };
    case 'section':
      return {
        ...block,
        ...(block.text ? { text: fitText(block.text, limits.sectionText) } : {}),
        ...(block.fields ? { fields: block.fields.slice(0, limits.fieldsPerSection).map((f) => fitText(f, limits.fieldText)) } : {}),
      };
    case 'context':
      return {
        ...block,
        elements: block.elements.slice(0, limits.contextElements).map((e) => (e.type === 'mrkdwn' || e.type === 'plain_text' ? fitText(e, limits.contextText) : e)),
      };
    case 'actions':
      return {
        ...block,
        elements: block.elements.slice(0, limits.elementsPerActions).map((b) =>
          b.type === 'button' ? { ...b, text: fitText(b.text, limits.buttonText), ...(b.value !== undefined ? { value: b.value.slice(0, limits.buttonValue) } : {}) } : b,
        ),
      };
    case 'table':
      return { ...block, rows: block.rows.slice(0, limits.tableRows).map((row) => row.slice(0, limits.tableCells)) };
    default:
      return block;
  }
}

/**
 * Clips every text to its Block Kit limit and the block list to `maxBlocks`; when blocks are dropped, the last
 * kept block says so. Trailing action blocks are kept, because they are how the user reaches the rest.
 */
export function fitMessage(message: SlackMessage, maxBlocks: number = limits.blocksPerMessage): SlackMessage {
  let blocks = message.blocks.map(fitBlock);
  if (blocks.length > maxBlocks) {
    let trailing = 0;
    while (trailing < blocks.length && blocks[blocks.length - 1 - trailing].type === 'actions') trailing++;
    trailing = Math.min(trailing, 2);
    const room = maxBlocks - 1 - trailing;
    const dropped = blocks.length - room - trailing;
    blocks = [...blocks.slice(0, room), context(`_${dropped} more part(s) left out to fit one Slack message._`), ...blocks.slice(blocks.length - trailing)];
  }
  const text = clip(message.text.trim() === '' ? 'Integration advice' : message.text, limits.fallbackText);
  return { text, blocks };
}

/** A short notice (rate limit, error, thanks), escaped. */
export function renderNotice(text: string, icon = ':information_source:'): SlackMessage {
  return fitMessage({ text: escapeText(text), blocks: [section(`${icon} ${escapeText(text)}`)] });
}
