import { parseCommandText } from '../../src/conversation/requests';

describe('Parsing /integration text', () => {
  test.each([
    ['', { kind: 'help' }],
    ['  help ', { kind: 'help' }],
    ['matrix', { kind: 'matrix' }],
    ['matrix bi reporting', { kind: 'matrix', name: 'bi reporting' }],
    ['usecase iot', { kind: 'usecase', name: 'iot' }],
    ['TECH OData', { kind: 'tech', name: 'OData' }],
    ['review | Process integration | Batch |', { kind: 'review', snippet: '| Process integration | Batch |' }],
    ['review\n| a | b |\n| c | d |', { kind: 'review', snippet: '| a | b |\n| c | d |' }],
    ['help me choose between REST and OData', { kind: 'ask', question: 'help me choose between REST and OData' }],
    ['How do I expose data to Power BI?', { kind: 'ask', question: 'How do I expose data to Power BI?' }],
  ])('"%s"', (text, expected) => expect(parseCommandText(text)).toEqual(expected));
});
