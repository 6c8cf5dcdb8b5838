import { renderAnswerDetailsText, renderAnswerText } from '../../src/render/terminal';
import { answerWith } from '../fixtures/render/answers';

const long = (n: number) => `${'several long words '.repeat(n)}end.`;
const warning = { id: 'ftp', title: 'Plain FTP', text: 'FTP sends passwords and files unencrypted; use SFTP.' };

describe('When an answer is printed in a terminal', () => {
  test('it keeps to 12 lines however much the answer holds, the warning and headline first', () => {
    const answer = answerWith({
      intent: 'check',
      headline: 'No: use SFTP instead of plain FTP.',
      caveats: [{ text: `${warning.title}: ${warning.text}` }, { text: long(12) }],
      warnings: [warning],
      reasons: [{ text: long(12) }, { text: long(12) }, { text: long(12) }],
      matrixRow: long(8),
      readWith: 'earlier question',
      sources: [{ title: 'SFTP: Setup (Studio Pro guide)', url: 'https://docs.mendix.com/sftp/#setup' }, { title: 'B', url: 'https://docs.mendix.com/b/' }],
    });
    const lines = renderAnswerText(answer, { hint: '(more: the details)' }).trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines[0]).toBe(`⚠ ${warning.title}: ${warning.text}`);
    expect(lines[1]).toBe('No: use SFTP instead of plain FTP.');
    expect(lines.join('\n')).toContain('Read: SFTP: Setup (Studio Pro guide) https://docs.mendix.com/sftp/#setup');
    expect(lines[lines.length - 1]).toBe('(more: the details)');
    expect(lines.join('\n')).not.toMatch(/%/);
  });

  test('a clarify question lists its options by number', () => {
    const text = renderAnswerText(
      answerWith({ intent: 'clarify', headline: 'Real-time can mean two things here.', clarify: { question: 'Who needs the data, and how fast?', options: [{ label: 'Users see changes at once', query: 'a' }, { label: 'Other apps react to events', query: 'b' }] } }),
    );
    expect(text).toContain('Who needs the data, and how fast?\n  1) Users see changes at once\n  2) Other apps react to events');
  });

  test('--verbose prints every part: use cases, methods, technologies, all sources and the confidence', () => {
    const text = renderAnswerDetailsText(
      answerWith({
        reasons: [{ text: 'Because.' }],
        useCases: [{ id: 'bi-reporting', title: 'Integration with BI & reporting', score: 1, methods: {}, reasons: [] }],
        methods: [{ id: 'batch', title: 'Export, import & batch', level: 'preferred', reasons: [] }],
        technologies: [{ id: 'odata', title: 'OData', reasons: [] }],
        sources: [{ title: 'One', url: 'https://docs.mendix.com/1/' }, { title: 'Two', url: 'https://docs.mendix.com/2/' }, { title: 'Three', url: 'https://docs.mendix.com/3/' }],
      }),
    );
    for (const part of ['Why:', 'Integration with BI & reporting [bi-reporting]', '● Export, import & batch [batch]', 'OData [odata]', 'https://docs.mendix.com/3/', 'Confidence 90%']) expect(text).toContain(part);
  });
});

describe('When a how-to headline already says the first step', () => {
  test('the listed steps start at step 2, keeping their numbers', () => {
    const answer = answerWith({
      intent: 'how-to',
      headline: 'Use Webhooks; first, add a published REST service with a POST operation.',
      steps: ['Add a published REST service with a POST operation', 'Verify the signature', 'Queue the work and return 202'],
    });
    const text = renderAnswerText(answer);
    expect(text).not.toContain('1. Add a published REST service');
    expect(text).toContain('  2. Verify the signature');
    expect(text).toContain('  3. Queue the work and return 202');
  });

  test('a headline that does not say it lists every step from 1', () => {
    const text = renderAnswerText(answerWith({ intent: 'how-to', headline: 'Use Webhooks.', steps: ['Add a service', 'Verify the signature'] }));
    expect(text).toContain('  1. Add a service');
    expect(text).toContain('  2. Verify the signature');
  });
});

describe('When the answer names its use case', () => {
  const withRow = (methods: Record<string, 'preferred' | 'possible'>) =>
    renderAnswerText(answerWith({ intent: 'compare', headline: 'A REST pull of the changed records.', matrixRow: 'The need: some methods', useCases: [{ id: 'need', title: 'The need', score: 1, methods, reasons: [] }] }));

  test('its matrix row is shown when the row prefers a method', () => {
    expect(withRow({ rpc: 'preferred', events: 'possible' })).toContain('Matrix · The need: some methods');
  });

  test('a row that prefers nothing ("possible" everywhere) is left out: it tells the reader nothing', () => {
    expect(withRow({ rpc: 'possible', batch: 'possible' })).not.toContain('Matrix');
  });
});
