import fs from 'node:fs';
import path from 'node:path';
import { adversarialInputs, asMarkdownFile, capChars } from './adversarial';
import { percentile, round, timeMs } from './stats';

export type AdversarialFn = 'cleanQuestion' | 'engine.answer' | 'parseMarkdownFile' | 'engine.review' | 'engine.looksLikeSnippet';
export const adversarialFns: AdversarialFn[] = ['cleanQuestion', 'engine.answer', 'parseMarkdownFile', 'engine.looksLikeSnippet', 'engine.review'];

export interface AdversarialItem {
  fn: AdversarialFn;
  input: string;
  variant: 'raw' | 'capped';
}

export interface AdversarialTask {
  kind: 'adversarial';
  root: string;
  knowledgeDir: string;
  items: AdversarialItem[];
  runs: number;
}

export type AdversarialMessage =
  | { type: 'ready'; available: AdversarialFn[] }
  | { type: 'start'; item: AdversarialItem }
  | { type: 'result'; item: AdversarialItem; chars: number; medianMs: number; maxMs: number; error?: string };

/** Times each (function, input) pair in this process, reporting each before and after so a hang is attributable. */
export async function measureAdversarial(task: AdversarialTask, send: (m: AdversarialMessage) => void): Promise<void> {
  const { loadCorpus } = await import('../src/knowledge');
  const { parseMarkdownFile } = await import('../src/knowledge/markdown');
  const { createEngine } = await import('../src/engine');
  const { cleanQuestion } = await import('../src/engine/clean');
  const corpus = loadCorpus([task.knowledgeDir], { baseUrl: 'https://docs.mendix.com' });
  // A fresh engine for every measurement: the typo corrector caches words, and a warm cache would hide the
  // cost of the first message that carries them (the one an attacker controls).
  let engine = createEngine(corpus, { maxQuestionChars: capChars });
  const fns: Record<AdversarialFn, ((s: string) => unknown) | null> = {
    cleanQuestion: (s) => cleanQuestion(s, Math.max(s.length, 1)),
    'engine.answer': (s) => engine.answer(s),
    parseMarkdownFile: (s) => parseMarkdownFile(asMarkdownFile(s), { baseUrl: 'https://docs.mendix.com', relPath: 'adversarial.md', file: 'adversarial.md' }),
    'engine.looksLikeSnippet': (s) => engine.looksLikeSnippet(s),
    // The snippet review is written by another helper; until its source exists the engine holds a stand-in.
    'engine.review': fs.existsSync(path.join(task.root, 'src', 'engine', 'review.ts')) ? (s) => engine.review(s) : null,
  };
  const warm = 'Can Power BI read our app data?\n| Use case | RPC |\n| --- | --- |\n| SSO | ✅ |\n';
  for (const fn of Object.values(fns)) for (let i = 0; i < 20; i++) fn?.(warm);
  send({ type: 'ready', available: adversarialFns.filter((f) => fns[f] !== null) });

  const cache = new Map<string, string>();
  for (const item of task.items) {
    const fn = fns[item.fn];
    if (!fn) continue;
    let raw = cache.get(item.input);
    if (raw === undefined) cache.set(item.input, (raw = adversarialInputs[item.input]()));
    const input = item.variant === 'capped' ? raw.slice(0, capChars) : raw;
    if (item.fn.startsWith('engine.')) {
      engine = createEngine(corpus, { maxQuestionChars: capChars });
      // Structures an engine builds once, on its first question or first unknown word (the search index, the
      // typo table), are start-up cost, not the cost of this input: build them with a question the inputs
      // never contain, so the words an attacker sends still meet a cold word cache.
      engine.answer('how does kafak compare with odta for our apps?');
    }
    send({ type: 'start', item });
    const times: number[] = [];
    let error: string | undefined;
    for (let run = 0; run < task.runs; run++) {
      try {
        times.push(timeMs(() => fn(input)));
        // One slow run says enough; repeating it only stretches the bench.
        if (times[0] > 1000) break;
      } catch (e) {
        error = e instanceof Error ? `${e.name}: ${e.message.slice(0, 120)}` : String(e);
        break;
      }
    }
    send({ type: 'result', item, chars: input.length, medianMs: round(percentile(times, 50)), maxMs: round(Math.max(0, ...times)), error });
  }
}
