import { Readable } from 'node:stream';
import { connectHint, isSnippetLine, runConsole } from '../../src/console';
import { shippedEngine } from '../fixtures/slack/engine';

/** Runs the console on `input` as piped stdin and returns what it printed. */
async function pipe(input: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runConsole({
    engine: shippedEngine,
    input: Readable.from([input]),
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    interactive: false,
  });
  return { code, out, err };
}

describe('The console reading questions from a pipe', () => {
  test('prints one line on how to connect to Slack, answers each line, and exits 0 at the end of input', async () => {
    const { code, out, err } = await pipe('We need nightly exports of orders to the data warehouse\nHow do I expose data via OData?\n');
    expect(code).toBe(0);
    expect(err).toBe(connectHint);
    expect(out).toContain('> We need nightly exports of orders to the data warehouse');
    expect(out).toContain('> How do I expose data via OData?');
    expect(out.match(/^\(more: the details\)$/gm)?.length ?? 0).toBe(2);
    expect(out).not.toMatch(/\d+%/);
  });

  test('answers the slash command the way Slack does', async () => {
    const { out } = await pipe('/integration matrix\n/integration tech frobnicator-9000\n/integration\n');
    expect(out).toContain('● preferred');
    expect(out).toContain("I don't know the technology \"frobnicator-9000\"");
    expect(out).toContain('/integration help | matrix [use case]');
  });

  test('reviews a pasted snippet: its lines up to an empty line (or the end of input) are one snippet', async () => {
    const engine = shippedEngine();
    const snippet = '| Use case | Method |\n|---|---|\n| Process integration | Batch |\n| BI & reporting | Batch |';
    const { out } = await pipe(`${snippet}\n\nHow do I expose data via OData?\n${snippet}`);
    const expected = engine.review(snippet);
    expect(out.split('> (snippet, 4 line(s))').length - 1).toBe(2);
    expect(out).toContain(expected.summary);
    expect(out).toContain('> How do I expose data via OData?');
  });

  test('reads a short follow-up with the previous question, like a Slack thread', async () => {
    const engine = shippedEngine();
    const { out } = await pipe('We need nightly exports of orders to the data warehouse\nand for mobile?\n');
    const withContext = engine.answer('and for mobile?', { previous: 'We need nightly exports of orders to the data warehouse' });
    expect(withContext.readWith).toBe('We need nightly exports of orders to the data warehouse');
    const reply = out.split('> and for mobile?')[1];
    expect(reply).toContain('Read together with your earlier question');
    expect(reply).toContain(withContext.headline.slice(0, 40));
  });

  test('an unknown technology gets the list of known ones, and "did you mean" only for a close name', async () => {
    const { out } = await pipe('/integration tech frobnicator-9000\n/integration tech queue\n');
    const [unknown, close] = out.split('> /integration tech queue');
    expect(unknown).not.toContain('Did you mean');
    expect(unknown).toMatch(/Known technologies: .*Kafka.*OData.*REST/);
    expect(close).toMatch(/Did you mean Process Queue module \(deprecated\), Task Queue, Amazon SQS\?/);
  });

  test('small talk gets one line and never repeats the previous answer', async () => {
    const { out } = await pipe('We need nightly exports of orders to the data warehouse\nthanks!\nhi\n?\n');
    for (const text of ['thanks!', 'hi', '?']) {
      const reply = out.split(`> ${text}\n`)[1].split('\n> ')[0].trim();
      expect(reply.split('\n')).toHaveLength(1);
    }
  });

  test('after a clarify question a number answers that option, and more shows the details of the last answer', async () => {
    const engine = shippedEngine();
    const clarify = engine.answer('real-time options?').clarify!;
    const { out } = await pipe('real-time options?\n2\nmore\n');
    expect(out).toContain('  2) ' + clarify.options[1].label);
    expect(out).toContain(`> ${clarify.options[1].query}`);
    expect(out.split('> more')[1]).toMatch(/Confidence \d+%/);
  });

  test('every answer to the development questions fits in 12 lines', async () => {
    const fs = await import('node:fs');
    const questions = fs.readFileSync(`${__dirname}/../eval/dev-questions.jsonl`, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { q: string }).q.replace(/\n/g, ' '));
    const { out } = await pipe(questions.filter((q) => !q.startsWith('|') && !q.startsWith('/')).join('\n') + '\n');
    const answers = out.split(/^> .*$/m).slice(1);
    expect(answers.length).toBeGreaterThan(100);
    for (const answer of answers) expect(answer.trim().split('\n').length).toBeLessThanOrEqual(12);
  });

  test('ends with code 0 on empty input', async () => {
    expect((await pipe('')).code).toBe(0);
  });
});

describe('Snippet lines', () => {
  test.each([
    ['| Process integration | Batch |', true],
    ['Process integration -> Batch', true],
    ['How do I expose data?', false],
  ])('"%s" -> %s', (line, expected) => expect(isSnippetLine(line)).toBe(expected));
});
