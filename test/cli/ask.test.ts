import { main } from '../../src/cli/main';
import { recordingIo } from '../fixtures/cli-io';

describe('When `integration-bot ask` is run', () => {
  it('prints a short answer: the headline first, at most 12 lines, a link, and how to see the rest', async () => {
    const io = recordingIo();
    expect(await main(['ask', 'can power bi read our app data?'], io)).toBe(0);
    const json = recordingIo();
    await main(['ask', '--json', 'can power bi read our app data?'], json);
    const answer = JSON.parse(json.stdout()) as { headline: string };
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.slice(0, 3).join(' ')).toContain(answer.headline.slice(0, 40));
    expect(io.stdout()).toMatch(/^Read: .+ https:\/\//m);
    expect(lines[lines.length - 1]).toBe('(ask --verbose for the details)');
    expect(io.stdout()).not.toMatch(/\d+%/);
  });

  it('prints every part of the answer with --verbose', async () => {
    const io = recordingIo();
    expect(await main(['ask', '--verbose', 'can power bi read our app data?'], io)).toBe(0);
    expect(io.stdout()).toMatch(/Integration with BI & reporting \[bi-reporting\]/);
    expect(io.stdout()).toMatch(/● Export, import & batch \[batch\]/);
    expect(io.stdout()).toMatch(/Sources:\n {2}.+\n {4}https:\/\//);
  });

  it('prints one JSON object with the documented fields for --json', async () => {
    const io = recordingIo();
    expect(await main(['ask', '--json', 'how should three apps get the customer master data?'], io)).toBe(0);
    const answer = JSON.parse(io.stdout());
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['query', 'confidence', 'useCases', 'methods', 'technologies', 'warnings', 'topics', 'sources']));
    expect(answer.useCases[0]).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), score: expect.any(Number), methods: expect.any(Object) }));
    expect(answer.methods[0]).toEqual(expect.objectContaining({ id: expect.any(String), level: expect.stringMatching(/preferred|possible|mentioned/), reasons: expect.any(Array) }));
    expect(answer.sources[0].url).toMatch(/^https:\/\//);
  });

  it('answers one JSON line per input line with --stdin, in order, blank lines included', async () => {
    const io = recordingIo('single sign on with Azure AD\n\nwhat is the weather in Paris\nnightly csv export to the partner\n');
    expect(await main(['ask', '--json', '--stdin'], io)).toBe(0);
    const lines = io.stdout().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((a) => a.query)).toEqual(['single sign on with Azure AD', '', 'what is the weather in Paris', 'nightly csv export to the partner']);
    expect(lines[0].useCases[0].id).toBe('sso-identity');
    expect(lines[1].useCases).toEqual([]);
    expect(lines[2].confidence).toBeLessThan(0.5);
  });

  it('explains its usage when the question is missing or an option is unknown', async () => {
    const io = recordingIo();
    expect(await main(['ask'], io)).toBe(2);
    expect(io.stderr()).toMatch(/usage: integration-bot ask/);
    expect(await main(['ask', '--frobnicate', 'x'], io)).toBe(2);
    expect(io.stderr()).toMatch(/unknown option --frobnicate/);
  });

  it('treats a KNOWLEDGE_DIR that does not exist as a configuration error (exit 78) and says how to fix it', async () => {
    const io = recordingIo('', { KNOWLEDGE_DIR: '/nonexistent/knowledge' });
    expect(await main(['ask', 'x'], io)).toBe(78);
    expect(io.stderr()).toMatch(/KNOWLEDGE_DIR names \/nonexistent\/knowledge, which does not exist: set KNOWLEDGE_DIR to a folder of markdown pages/);
  });
});

describe('When `integration-bot matrix` is run', () => {
  it('prints all 15 use cases against the 5 methods', async () => {
    const io = recordingIo();
    expect(await main(['matrix'], io)).toBe(0);
    const rows = io.stdout().split('\n').filter((l) => l.includes('│'));
    expect(rows).toHaveLength(16);
    expect(rows[0]).toMatch(/UI integration.*RPC \/ services.*Events \/ queues.*Export, import & batch.*Central data/);
  });

  it('prints one row for a named use case and suggests names for an unknown one', async () => {
    const io = recordingIo();
    expect(await main(['matrix', 'bi reporting'], io)).toBe(0);
    expect(io.stdout().split('\n').filter((l) => l.includes('│'))).toHaveLength(2);
    const unknown = recordingIo();
    expect(await main(['matrix', 'coffee machines'], unknown)).toBe(1);
    expect(unknown.stderr()).toMatch(/No use case called "coffee machines"/);
  });
});

describe('When the command is unknown', () => {
  it('lists the commands and exits 2', async () => {
    const io = recordingIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr()).toMatch(/unknown command "frobnicate"/);
    expect(io.stderr()).toMatch(/ask .*answer questions/);
  });
});
