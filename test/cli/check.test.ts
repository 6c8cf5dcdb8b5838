import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { recordingIo } from '../fixtures/cli-io';

describe('When `integration-bot check` lints a knowledge folder', () => {
  it('finds the shipped knowledge clean and exits 0', async () => {
    const io = recordingIo();
    expect(await main(['check'], io)).toBe(0);
    expect(io.stdout()).toMatch(/\d+ examples; 0 error\(s\), 0 warning\(s\)/);
  });

  it('lists every problem with file and line and exits 1, while the good files still load', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-'));
    try {
      fs.mkdirSync(path.join(dir, 'rules'));
      fs.writeFileSync(path.join(dir, 'good.md'), '---\ntitle: Good\nkind: technology\nid: rest\nsources:\n  - { title: REST, url: "https://docs.example.com/rest/" }\n---\n\n## One {#one}\n\nSee [two](/nowhere/) and [self](#missing).\n\n## Two {#one}\n\nText.\n');
      fs.writeFileSync(path.join(dir, 'broken.md'), '---\ntitle: "Broken\n---\n');
      fs.writeFileSync(path.join(dir, 'rules', 'rules.yml'), 'rules:\n  - id: r1\n    phrases: ["odata"]\n    points: ["technology:odata"]\n');
      const io = recordingIo();
      expect(await main(['check', dir], io)).toBe(1);
      const out = io.stdout();
      expect(out).toMatch(/broken\.md:\d+: error: front matter/);
      expect(out).toMatch(/good\.md:13: warning: duplicate anchor \{#one\}/);
      expect(out).toMatch(/good\.md:\d+: error: link to \/nowhere\/ leads nowhere/);
      expect(out).toMatch(/good\.md:\d+: error: link to #missing: good has no anchor #missing/);
      expect(out).toMatch(/rules\.yml:2: error: rule "r1" points at unknown technology "odata"/);
      expect(out).toMatch(/1 pages/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts links to pages outside a partial documentation tree as one warning and exits 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-partial-'));
    try {
      fs.mkdirSync(path.join(dir, 'integration'));
      const page = (url: string, body: string) => `---\ntitle: Page\nurl: ${url}\n---\n\n## One {#one}\n\n${body}\n`;
      fs.writeFileSync(path.join(dir, 'integration', 'rest.md'), page('/refguide/integration/rest/', 'See [odata](/refguide/integration/odata/#one), [microflows](/refguide/microflows/) and [perf](../../performance/tuning).'));
      fs.writeFileSync(path.join(dir, 'integration', 'odata.md'), page('/refguide/integration/odata/', 'Back to [rest](/refguide/integration/rest/).'));
      const io = recordingIo();
      expect(await main(['check', dir], io)).toBe(0);
      expect(io.stdout()).toMatch(/warning: 2 link\(s\) point to pages outside this folder \(\/refguide\/microflows\/, \.\.\/\.\.\/performance\/tuning\)/);
      expect(io.stdout()).toMatch(/0 error\(s\), 1 warning\(s\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says clearly when the folder does not exist', async () => {
    const io = recordingIo();
    expect(await main(['check', '/nonexistent/folder'], io)).toBe(2);
    expect(io.stderr()).toMatch(/does not exist/);
  });
});
