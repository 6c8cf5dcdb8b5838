import { chitchatAfterAnswer, chitchatReply, converse, type Turn } from '../../src/conversation';
import type { Answer, AskContext, Engine, Intent } from '../../src/engine/types';
import { answerWith } from '../fixtures/render/answers';

/**
 * A stand-in engine whose intent is given per question, so the rules are tested apart from how well the engine
 * classifies: it records the context each question was asked with, and reads a question with the earlier one
 * when it starts with "and".
 */
function engineWith(intents: Record<string, Intent>): Engine & { asked: { question: string; context: AskContext }[] } {
  const asked: { question: string; context: AskContext }[] = [];
  return {
    asked,
    answer(question: string, context: AskContext = {}): Answer {
      asked.push({ question, context });
      const readWith = context.previous && /^and\b/i.test(question) ? context.previous : null;
      return answerWith({ query: question, intent: intents[question] ?? 'recommend', readWith });
    },
    review: () => ({ rows: [], summary: 'reviewed', notes: [] }),
    looksLikeSnippet: (text: string) => text.startsWith('|'),
    lookup: () => ({ entity: null, suggestions: [] }),
    corpus: {} as Engine['corpus'],
  };
}

const turn = (text: string, extra: Partial<Turn> = {}): Turn => ({ text, place: 'thread', addressed: false, ...extra });

describe('Small talk', () => {
  const engine = engineWith({ 'thanks!': 'chitchat', hi: 'chitchat', '?': 'chitchat' });

  test('gets no answer in a channel thread', () => {
    expect(converse(engine, turn('thanks!', { previous: 'kafka or rest?' }))).toEqual({ kind: 'chitchat', text: null });
  });

  test.each(['dm', 'console', 'command'] as const)('gets one friendly line in the %s, never an earlier answer', (place) => {
    const reply = converse(engine, turn('hi', { place, addressed: true }));
    expect(reply).toEqual({ kind: 'chitchat', text: chitchatReply });
    expect(chitchatReply.split('\n')).toHaveLength(1);
  });

  test('after an answer, thanks get a short "Happy to help." without the pitch of what the bot can do', () => {
    const reply = converse(engine, turn('thanks!', { place: 'dm', addressed: true, previous: 'kafka or rest?' }));
    expect(reply).toEqual({ kind: 'chitchat', text: chitchatAfterAnswer });
    expect(chitchatAfterAnswer).toBe('Happy to help.');
  });
});

describe('A follow-up in a thread', () => {
  test('is asked with the thread question as context, whatever its typos, and keeps it as the anchor', () => {
    const engine = engineWith({});
    const previous = 'how shuld 3 apps get the custmer mastr data?';
    const reply = converse(engine, turn('and for mobile?', { previous }));
    expect(engine.asked[0].context).toEqual({ previous });
    expect(reply).toMatchObject({ kind: 'follow-up', previous, anchor: previous });
  });

  test('a new full question the engine did not read with the earlier one becomes the anchor', () => {
    const reply = converse(engineWith({}), turn('We need nightly exports of orders to the warehouse', { previous: 'kafka or rest?' }));
    expect(reply).toMatchObject({ kind: 'question', anchor: 'We need nightly exports of orders to the warehouse' });
  });

  test('an out-of-scope message does not replace the thread question', () => {
    const reply = converse(engineWith({ 'what about lunch': 'out-of-scope' }), turn('what about lunch', { previous: 'kafka or rest?' }));
    expect(reply).toMatchObject({ kind: 'question', anchor: 'kafka or rest?' });
  });

  test('a message that mentions another person is left to the people', () => {
    expect(converse(engineWith({}), turn('<@U2> can you check this?', { previous: 'x', mentionsOthers: true }))).toMatchObject({ kind: 'nothing' });
  });
});

describe('Other messages', () => {
  test('a snippet is reviewed', () => {
    expect(converse(engineWith({}), turn('| a | b |', { addressed: true }))).toMatchObject({ kind: 'snippet' });
  });

  test('an empty mention gets the help, an empty unaddressed message nothing', () => {
    expect(converse(engineWith({}), turn('  ', { addressed: true }))).toEqual({ kind: 'help' });
    expect(converse(engineWith({}), turn(''))).toMatchObject({ kind: 'nothing' });
  });

  test('in a channel set to answer everything, only real questions are answered unasked', () => {
    const engine = engineWith({ 'lunch at 12?': 'out-of-scope', 'real-time options?': 'clarify' });
    const channel = (text: string) => converse(engine, turn(text, { place: 'channel' }));
    expect(channel('lunch at 12?')).toMatchObject({ kind: 'nothing' });
    expect(channel('real-time options?')).toMatchObject({ kind: 'nothing' });
    expect(channel('| a | b |')).toMatchObject({ kind: 'nothing' });
    expect(channel('Kafka or REST for order events?')).toMatchObject({ kind: 'question' });
  });
});
