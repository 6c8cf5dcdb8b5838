import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKnowledge, type KnowledgeService } from '../../src/knowledge/service';
import { readKnowledgeFileAsync } from '../../src/knowledge';
import type { Logger } from '../../src/log';

const page = (id: string, title: string, synonyms: string[]) =>
  `---\ntitle: "${title}"\nkind: technology\nid: ${id}\nsynonyms: ${JSON.stringify(synonyms)}\nsources:\n  - title: "${title} docs"\n    url: "https://docs.example.com/${id}/"\n---\n\n## What it is {#what}\n\n${title} moves data between apps.\n`;

function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

/** Waits until `check` holds, polling every 25 ms, at most `ms` (bounded: never loops forever). */
async function waitFor(check: () => boolean, ms = 3000): Promise<boolean> {
  for (let waited = 0; waited <= ms; waited += 25) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

describe('When the knowledge folder changes while the bot runs', () => {
  let dir: string;
  let service: KnowledgeService | undefined;
  const techs = () => service!.engine.corpus.entities.map((e) => e.id).sort();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-'));
    fs.writeFileSync(path.join(dir, 'rest.md'), page('rest', 'REST', ['rest api']));
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const start = (log: Logger, extra = {}) =>
    startKnowledge({ knowledgeDirs: [dir], baseUrl: 'https://docs.example.com', maxQuestionChars: 4000, watch: true }, log, { debounceMs: 100, ...extra });

  it('picks up added, changed and removed pages within 2 seconds, without a restart', async () => {
    service = await start(recordingLogger().log);
    fs.writeFileSync(path.join(dir, 'odata.md'), page('odata', 'OData', ['odata feed']));
    expect(await waitFor(() => techs().includes('odata'), 5000)).toBe(true);

    fs.writeFileSync(path.join(dir, 'odata.md'), page('odata', 'OData v4', ['odata feed']));
    expect(await waitFor(() => service!.engine.corpus.entities.some((e) => e.title === 'OData v4'), 5000)).toBe(true);

    fs.unlinkSync(path.join(dir, 'odata.md'));
    expect(await waitFor(() => !techs().includes('odata'), 5000)).toBe(true);
    expect(techs()).toEqual(['rest']);
  });

  it('keeps the last good version of a file that breaks, and logs the file and line', async () => {
    const { log, lines } = recordingLogger();
    service = await start(log);
    const version = service.version;
    fs.writeFileSync(path.join(dir, 'rest.md'), '---\ntitle: "REST\nkind: [\n---\nbroken\n');
    expect(await waitFor(() => service!.version > version, 5000)).toBe(true);
    expect(techs()).toEqual(['rest']);
    expect(service.engine.answer('should we expose a rest api?').technologies.map((t) => t.id)).toContain('rest');
    const problem = lines.find((l) => l.message === 'knowledge file problem');
    expect(problem?.fields).toEqual(expect.objectContaining({ file: path.join(dir, 'rest.md'), line: expect.any(Number) }));
  });

  it('reindexes once for a burst of 500 new files', async () => {
    service = await start(recordingLogger().log, { debounceMs: 400 });
    const version = service.version;
    for (let i = 0; i < 500; i++) fs.writeFileSync(path.join(dir, `page-${i}.md`), `---\ntitle: Page ${i}\n---\n\nText ${i}.\n`);
    expect(await waitFor(() => service!.engine.corpus.pages.length === 501, 5000)).toBe(true);
    await new Promise((r) => setTimeout(r, 600));
    expect(service.version).toBe(version + 1);
  });

  it('keeps answering from the old version while a slow folder is read', async () => {
    let slow = false;
    service = await start(recordingLogger().log, {
      readFile: async (root: string, file: string, options: { baseUrl: string }) => {
        if (slow) await new Promise((r) => setTimeout(r, 500));
        return readKnowledgeFileAsync(root, file, options);
      },
    });
    slow = true;
    const reloading = service.reload();
    // The reload is under way; questions are still answered at once from the previous engine.
    expect(service.engine.answer('rest api').technologies.map((t) => t.id)).toContain('rest');
    await reloading;
    expect(service.version).toBe(2);
  });
});
