import path from 'node:path';
import { createEngine } from '../../src/engine';
import { loadCorpus } from '../../src/knowledge';

/** The answer stages on a tiny knowledge folder: two use cases, three technologies, one warning, one comparison. */
const tiny = path.resolve(__dirname, '../fixtures/tiny-knowledge');
const engine = createEngine(loadCorpus([tiny], { baseUrl: 'https://example.test' }));
const lead = (q: string) => engine.answer(q).recommendation.map((r) => `${r.kind}:${r.id}`)[0];

describe('When someone says thanks or hello', () => {
  it.each(['thanks, that helps!', 'hi', '?', 'ok great'])('"%s" is small talk with nothing to recommend and no links', (q) => {
    const answer = engine.answer(q);
    expect(answer.intent).toBe('chitchat');
    expect(answer.recommendation).toEqual([]);
    expect(answer.useCases).toEqual([]);
    expect(answer.sources).toEqual([]);
    expect(answer.confidence).toBeLessThan(0.5);
  });
});

describe('When the question compares two options', () => {
  it('picks the written default and says when the other wins', () => {
    const answer = engine.answer('kafka or rest?');
    expect(answer.intent).toBe('compare');
    expect(lead('kafka or rest?')).toBe('technology:rest');
    expect(answer.headline).toBe('REST between a few apps: failures stay visible to the caller; Kafka above about 1,000 messages a second.');
    // The headline said the whole condition, so no caveat repeats it.
    expect(answer.caveats.some((c) => c.text.includes('1,000 messages'))).toBe(false);
    expect(answer.sources[0].url).toBe('https://example.test/events#why');
  });

  it('picks the other option when the question meets its condition, quoting the words that show it', () => {
    const answer = engine.answer('rest or kafka for 5,000 events per second?');
    expect(answer.recommendation[0].id).toBe('kafka');
    expect(answer.headline).toMatch(/^Kafka:/);
    expect(answer.reasons[0].text).toContain('“per second”');
    expect(answer.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('When a condition word is part of how the question names an option', () => {
  it('naming the option ("an event stream") does not meet the condition; saying it elsewhere does', () => {
    expect(engine.answer('rest or an event stream?').recommendation[0].id).toBe('rest');
    const met = engine.answer('rest or an event stream? it is a sensor stream');
    expect(met.recommendation[0].id).toBe('kafka');
    expect(met.reasons[0].text).toContain('“stream”');
  });
});

describe('When the question asks how to do something with one technology', () => {
  it('gives the steps of the task it names and links the page with the detail first', () => {
    const answer = engine.answer('how do I consume messages from a Kafka topic?');
    expect(answer.intent).toBe('how-to');
    expect(answer.recommendation[0]).toEqual({ kind: 'technology', id: 'kafka', title: 'Kafka' });
    expect(answer.steps).toEqual(['Import the Kafka connector', 'Write a handler microflow', 'Start the consumer after startup']);
    expect(answer.headline).toBe('Use Kafka (consume a topic); first, import the Kafka connector.');
    expect(answer.sources[0].url).toBe('https://docs.example.test/kafka#consume');
  });
});

describe('When the question is a plan that walks into a warning', () => {
  it('leads with the warning and what to do instead, and the warning is the first caveat', () => {
    const answer = engine.answer("we'll just let the reporting tool read the app database directly, ok?");
    expect(answer.intent).toBe('check');
    expect(answer.recommendation[0].id).toBe('direct-database');
    expect(answer.headline).toBe('Reconsider this plan: publish a service for reads instead.');
    expect(answer.caveats[0].text).toMatch(/^Direct database access:/);
    expect(answer.reasons[0].text).toContain('“read the app database”');
  });
});

describe('When the question is too vague to answer', () => {
  it('asks the settling question and offers full questions to pick', () => {
    const answer = engine.answer('integration options?');
    expect(answer.intent).toBe('clarify');
    expect(answer.recommendation).toEqual([]);
    expect(answer.clarify?.question).toBe('What should happen between which systems?');
    expect(answer.clarify?.options.map((o) => o.query)).toEqual(['Three apps need our customer records; how should they get them?', 'How should Power BI get our reporting data?']);
    for (const option of answer.clarify!.options) expect(engine.answer(option.query).intent).not.toBe('out-of-scope');
  });
});

describe('When the question is not about integration', () => {
  it('declines without a recommendation', () => {
    const answer = engine.answer('how do I change the theme colour?');
    expect(answer.intent).toBe('out-of-scope');
    expect(answer.useCases).toEqual([]);
    expect(answer.recommendation).toEqual([]);
    expect(answer.confidence).toBeLessThan(0.5);
  });
});

describe('When the question describes a need', () => {
  it('answers with the use case verdict, a reason in the question\'s own words and the matrix row', () => {
    const answer = engine.answer('three apps need our customer data');
    expect(answer.intent).toBe('recommend');
    expect(answer.headline).toBe('Let each app pull the changed customers over REST and keep its own copy.');
    expect(answer.recommendation.map((r) => r.id)).toEqual(['rest', 'rpc']);
    expect(answer.reasons[0].text).toBe('You mention “apps need our customer”: several apps needing one app\'s customers is the sharing use case.');
    expect(answer.matrixRow).toBe('Share customer data: preferred RPC / services; possible Events / queues');
    for (const reason of answer.reasons) expect(reason.text).not.toMatch(/ \+ /);
  });

  it('reads a short follow-up with the earlier question and says so', () => {
    const answer = engine.answer('and for reporting?', { previous: 'three apps need our customer data' });
    expect(answer.readWith).toBe('three apps need our customer data');
    expect(answer.useCases[0].id).toBe('reporting');
    expect(engine.answer('and for reporting?').readWith).toBeNull();
  });

  it('does not read a short question that names two options ("kafka or rest?") with the earlier one', () => {
    expect(engine.answer('kafka or rest?', { previous: 'three apps need our customer data' }).readWith).toBeNull();
    expect(engine.answer('rest or csv?', { previous: 'three apps need our customer data' }).readWith).toBeNull();
    expect(engine.answer('and with kafka?', { previous: 'three apps need our customer data' }).readWith).toBe('three apps need our customer data');
  });
});

describe('When a rule stands for the name of a technology (`names: true`)', () => {
  it('the technology leads as if the question had named it', () => {
    const answer = engine.answer('three apps need our customer data as a firehose');
    expect(answer.recommendation[0].id).toBe('kafka');
    expect(answer.headline).toMatch(/^Kafka fits here/);
    expect(answer.reasons.some((r) => r.text.includes('“firehose”'))).toBe(true);
  });
});

describe('When the question confirms a comparison\'s default in so many words', () => {
  it('keeps the default even though a condition for the other option is met, and quotes why', () => {
    const answer = engine.answer('rest or kafka for a stream of about 50 messages a day?');
    expect(answer.intent).toBe('compare');
    expect(answer.recommendation[0].id).toBe('rest');
    expect(answer.reasons[0].text).toBe('You mention “a day”: REST is the better pick when only a handful of messages a day.');
    expect(answer.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('When the question gives a volume as a number', () => {
  it('reads "8k/sec" and "8,000 a sec" as thousands a second, the magnitude a condition names', () => {
    for (const q of ['rest or kafka at 8k/sec?', 'rest or kafka at 8,000/sec?']) {
      const answer = engine.answer(q);
      expect(answer.recommendation[0].id).toBe('kafka');
      expect(answer.reasons[0].text).toMatch(/^You mention “8(k|,000) sec”/);
    }
    expect(engine.answer('rest or kafka at 80/sec?').recommendation[0].id).toBe('rest');
  });
});

describe('When two options are compared bare and the pick depends on the need', () => {
  it('asks back with options instead of guessing, and answers once the need is said', () => {
    const bare = engine.answer('rest or csv?');
    expect(bare.intent).toBe('clarify');
    expect(bare.headline).toBe('It depends on the need: REST by default, CSV Files when the other side wants everything once a night. What should happen between which systems?');
    expect(bare.recommendation).toEqual([]);
    expect(bare.clarify!.options.length).toBeGreaterThanOrEqual(2);
    const said = engine.answer('rest or csv? the partner wants everything every night');
    expect(said.intent).toBe('compare');
    expect(said.recommendation[0].id).toBe('csv');
  });
});

describe('When a plan picks a technology that loses on a condition the question meets', () => {
  it('says "Probably not", names the better pick and quotes the words that show it', () => {
    const answer = engine.answer("we'll just use rest for the 5,000 sensor events per second");
    expect(answer.intent).toBe('check');
    expect(answer.headline).toBe('Probably not. Kafka: at this volume request-reply stops scaling.');
    expect(answer.recommendation.map((r) => r.id)).toEqual(['kafka', 'rest']);
    expect(answer.reasons[0].text).toMatch(/^You mention “/);
    expect(answer.caveats.some((c) => c.text.startsWith('REST stays the better pick otherwise'))).toBe(true);
  });
});

describe('When a how-to asks for the remedy of a warning', () => {
  it('answers the how-to, without raising the warning it avoids', () => {
    const answer = engine.answer('how do I publish a rest service so reports stop reading the app database directly?');
    expect(answer.intent).toBe('how-to');
    expect(answer.recommendation[0].id).toBe('rest');
    expect(answer.caveats.some((c) => c.text.startsWith('Direct database access'))).toBe(false);
  });
});

describe('When small talk goes on a little', () => {
  it('a thanks opening with nothing about integration is small talk; with a question it is answered', () => {
    expect(engine.answer('nice, that helps a lot! will show it to the architects tomorrow').intent).toBe('chitchat');
    expect(engine.answer('thanks! and three apps need our customer data, how?').intent).not.toBe('chitchat');
  });
});
