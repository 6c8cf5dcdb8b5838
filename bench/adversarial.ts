import { seeded } from './stats';

/**
 * Adversarial inputs for the question cleaner, the answer engine, the markdown parser and the snippet review:
 * long runs of the characters their patterns look for, deep nesting, huge tables and invisible noise.
 * Each is used raw (about 100,000 characters) and cut to the bot's 4,000-character cap.
 */
export const capChars = 4000;

function randomWords(count: number, length: number, seed: number): string {
  const random = seeded(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let w = '';
    for (let j = 0; j < length; j++) w += String.fromCharCode(97 + Math.floor(random() * 26));
    out.push(w);
  }
  return out.join(' ');
}

export const adversarialInputs: Record<string, () => string> = {
  'lt x100k': () => '<'.repeat(100_000),
  '<@ x50k': () => '<@'.repeat(50_000),
  '<http:// unclosed': () => '<http://' + 'a'.repeat(100_000),
  '<http://x| x20k': () => '<http://x|'.repeat(10_000),
  '* x50k': () => '*'.repeat(50_000),
  '_a x20k': () => '_a'.repeat(20_000),
  '_ x100k': () => '_'.repeat(100_000),
  '` x100k': () => '`'.repeat(100_000),
  '> nested x1000': () => '> '.repeat(1000) + 'x',
  '> lines nested': () => Array.from({ length: 1000 }, (_, i) => '> '.repeat(i % 200) + 'quote').join('\n'),
  '| x10k lines': () => Array.from({ length: 10 }, () => '|'.repeat(10_000)).join('\n'),
  'table 10k rows': () => ['| Use case | RPC | Events | Batch |', '| --- | --- | --- | --- |', ...Array.from({ length: 10_000 }, (_, i) => `| case ${i} | ✅ | possible | |`)].join('\n'),
  ': x100k': () => ':'.repeat(100_000),
  ':a x50k': () => ':a'.repeat(50_000),
  '[]( x33k': () => '[]('.repeat(33_333),
  '[a](b x25k': () => '[a](b'.repeat(25_000),
  '{{% x33k': () => '{{%'.repeat(33_333),
  '{{% todo %}} unclosed': () => '{{% todo %}}' + 'x '.repeat(50_000),
  'nested list x1000': () => Array.from({ length: 1000 }, (_, i) => '  '.repeat(i) + '- x').join('\n'),
  '# headings x25k': () => '# h\n'.repeat(25_000),
  '&lt; x25k': () => '&lt;'.repeat(25_000),
  'rtl/zero-width noise': () => 'data\u200B\u202Eapp\u200F\u2066sync\u2069\uFEFF '.repeat(5_000),
  'whitespace then x': () => ' '.repeat(100_000) + 'x',
  'one 100k word': () => 'a'.repeat(100_000),
  '30-letter typos': () => randomWords(3_200, 30, 7),
  '8-letter typos': () => randomWords(11_000, 8, 11),
  'arrows x25k': () => 'sso -> rpc\n'.repeat(10_000),
  'yaml aliases': () => '---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntags: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n' + 'x\n'.repeat(1000),
};

/** The page wrapper used when a string is fed to the markdown parser (inputs that bring front matter stay as they are). */
export function asMarkdownFile(input: string): string {
  return input.startsWith('---\n') ? input : `---\ntitle: "Adversarial"\n---\n${input}\n`;
}
