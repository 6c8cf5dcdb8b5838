import path from 'node:path';
import { createEngine } from '../src/engine';
import { loadCorpus } from '../src/knowledge';
import { measureMessage, renderAnswerMessage } from '../src/render/slack';
import { renderAnswerText } from '../src/render/terminal';
import { loadQuestions } from './questions';

/**
 * `node dist/bench/answer-length.js`: how long the default answer is, over the development questions, as a user
 * sees it: console lines and characters (the terminal renderer, as the console prints it), and a Slack thread
 * answer's blocks (besides the buttons), lines and visible characters (`measureMessage`: mrkdwn links shown as
 * their label, entities decoded, formatting marks dropped). Prints the median and the maximum of each; `--json`
 * prints them as JSON.
 */

interface Shown {
  lines: number;
  chars: number;
  blocks: number;
}

/** Terminal text as its reader sees it. */
export function measureText(text: string): Shown {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return { lines: lines.length, chars: lines.join('').length, blocks: 0 };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summary(shown: Shown[]) {
  const of = (key: keyof Shown) => ({ median: median(shown.map((s) => s[key])), max: Math.max(...shown.map((s) => s[key])) });
  return { lines: of('lines'), chars: of('chars'), blocks: of('blocks') };
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..');
  const corpus = loadCorpus([path.join(root, 'knowledge')], { baseUrl: 'https://docs.mendix.com' });
  const engine = createEngine(corpus);
  const { cases } = loadQuestions(root);
  const consoleShown: Shown[] = [];
  const slackShown: Shown[] = [];
  for (const c of cases) {
    const answer = engine.answer(c.q);
    consoleShown.push(measureText(renderAnswerText(answer, { corpus, hint: '(more: the details)' })));
    slackShown.push(measureMessage(renderAnswerMessage(answer, { surface: 'thread', corpus })));
  }
  const result = { questions: cases.length, console: summary(consoleShown), slack: summary(slackShown) };
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const row = (name: string, s: ReturnType<typeof summary>, blocks: boolean) =>
    `| ${name} | ${s.lines.median} | ${s.lines.max} | ${s.chars.median} | ${s.chars.max} | ${blocks ? `${s.blocks.median} | ${s.blocks.max}` : '– | –'} |`;
  process.stdout.write(
    [
      `${cases.length} development questions`,
      '| surface | lines p50 | lines max | chars p50 | chars max | blocks p50 | blocks max |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      row('console', result.console, false),
      row('Slack thread', result.slack, true),
      '',
    ].join('\n'),
  );
}

if (require.main === module) main();
