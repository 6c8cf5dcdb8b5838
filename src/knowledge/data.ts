import yaml from 'js-yaml';
import { targetKinds } from './rules';
import type { Comparison, ComparisonCondition, EntityKind, Guide, IntentPhrases, LoadIssue, NameTable, SourceLink, Task } from './types';

/**
 * Parsers for the knowledge's data files besides rules and examples: `comparisons.yml`, `intents.yml`,
 * `vocabulary.yml`, and the answer-writing fields of a page's front matter (`Guide`). Pure: text in, data and
 * problems (with file and line) out; a bad entry is skipped and the rest loads.
 */

/** The top-level data files, by name, that the loader reads besides pages and `rules/`/`examples/` folders. */
export const dataFiles = new Set(['comparisons.yml', 'intents.yml', 'vocabulary.yml', 'names.yml']);

type Report = (message: string, line?: number) => void;

function load(source: string, file: string, issues: LoadIssue[]): unknown {
  try {
    return yaml.load(source);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    issues.push({ severity: 'error', file, line: (mark?.line ?? 0) + 1, message: `not valid YAML: ${message}` });
    return undefined;
  }
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v) => typeof v === 'string' || typeof v === 'number').map((v) => String(v).trim()).filter(Boolean) : typeof value === 'string' && value.trim() ? [value.trim()] : [];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().replace(/\s+/g, ' ') : undefined);

/** `kind:id` as authors write it ("technology:rest", "use-case:iot", "useCase:iot"), or null. */
export function readRef(value: unknown): { kind: EntityKind; id: string } | null {
  if (typeof value !== 'string') return null;
  const [prefix, id] = value.split(':').map((s) => s.trim());
  const kind = targetKinds[prefix] ?? (prefix === 'useCase' ? 'useCase' : undefined);
  return kind && id ? { kind, id } : null;
}

export function readLink(value: unknown): SourceLink | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { title, url } = value as { title?: unknown; url?: unknown };
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return undefined;
  return { title: typeof title === 'string' && title.trim() ? title.trim() : url, url };
}

/** Line of the first line at or after `from` that matches, for messages that point at an entry. */
function lineFinder(source: string): (pattern: RegExp) => number | undefined {
  const lines = source.split('\n');
  return (pattern) => {
    const index = lines.findIndex((line) => pattern.test(line));
    return index < 0 ? undefined : index + 1;
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Parses `comparisons.yml`: `comparisons:` followed by a list of comparisons (see knowledge/README.md). */
export function parseComparisonsFile(source: string, file: string): { comparisons: Comparison[]; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const doc = load(source, file, issues) as { comparisons?: unknown } | undefined;
  if (issues.length > 0) return { comparisons: [], issues };
  const list = doc?.comparisons;
  if (!Array.isArray(list)) {
    return { comparisons: [], issues: [{ severity: 'error', file, line: 1, message: 'a comparisons file holds `comparisons:` followed by a list' }] };
  }
  const lineOf = lineFinder(source);
  const comparisons: Comparison[] = [];
  list.forEach((raw, index) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const id = text(item.id) ?? `comparison-${index + 1}`;
    const line = lineOf(new RegExp(`^\\s*-?\\s*id:\\s*["']?${escape(id)}["']?\\s*$`));
    const problem: Report = (message) => issues.push({ severity: 'error', file, line, message: `comparison "${id}": ${message}` });
    const options = strings(item.options).map(readRef);
    if (options.length < 2 || options.some((o) => o === null)) return problem('`options` needs two or more refs like "technology:rest"');
    const fallback = readRef(item.default);
    const verdict = text(item.verdict);
    if (!fallback || !options.some((o) => o!.kind === fallback.kind && o!.id === fallback.id)) return problem('`default` must be one of the options');
    if (!verdict) return problem('needs a one-sentence `verdict`');
    const names: Record<string, string[]> = {};
    if (item.names && typeof item.names === 'object') {
      for (const [key, value] of Object.entries(item.names as Record<string, unknown>)) {
        const ref = readRef(key);
        if (ref) names[`${ref.kind}:${ref.id}`] = strings(value).map((s) => s.toLowerCase());
        else problem(`names key "${key}" is not a ref like "technology:rest"`);
      }
    }
    const otherWins: ComparisonCondition[] = [];
    for (const rawCondition of Array.isArray(item.otherWins) ? item.otherWins : []) {
      const c = (rawCondition ?? {}) as Record<string, unknown>;
      const pick = readRef(c.pick);
      const when = text(c.when);
      const words = strings(c.words).map((s) => s.toLowerCase());
      if (!pick || !when || words.length === 0) {
        problem('each `otherWins` entry needs `pick`, `when` and `words`');
        continue;
      }
      otherWins.push({ pick, when, words, verdict: text(c.verdict) ?? when });
    }
    let defaultWhen: Comparison['defaultWhen'];
    if (item.defaultWhen !== undefined) {
      const d = (item.defaultWhen ?? {}) as Record<string, unknown>;
      const when = text(d.when);
      const words = strings(d.words).map((s) => s.toLowerCase());
      if (when && words.length > 0) defaultWhen = { when, words };
      else problem('`defaultWhen` needs `when` and `words`');
    }
    comparisons.push({
      id,
      options: options as { kind: EntityKind; id: string }[],
      names,
      default: fallback,
      verdict,
      reasons: strings(item.reasons),
      otherWins,
      ...(defaultWhen ? { defaultWhen } : {}),
      ...(item.dependsOnNeed === true ? { dependsOnNeed: true } : {}),
      source: readLink(item.source),
      file,
      line,
    });
  });
  return { comparisons, issues };
}

/** Parses `intents.yml`: the phrasings that tell a comparison, a how-to, a plan check, small talk and the rest. */
export function parseIntentsFile(source: string, file: string): { intents: IntentPhrases | null; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const doc = load(source, file, issues) as Record<string, unknown> | undefined;
  if (issues.length > 0) return { intents: null, issues };
  if (!doc || typeof doc !== 'object') return { intents: null, issues: [{ severity: 'error', file, line: 1, message: 'an intents file holds one list of phrases per intent' }] };
  const lower = (key: string) => strings(doc[key]).map((s) => s.toLowerCase());
  const intents: IntentPhrases = {
    chitchat: lower('chitchat'),
    thanks: lower('thanks'),
    compare: lower('compare'),
    howTo: lower('howTo'),
    check: lower('check'),
    outOfScope: lower('outOfScope'),
    vague: lower('vague'),
    scope: lower('scope'),
    systems: lower('systems'),
    clarifyQuestion: text(doc.clarifyQuestion) ?? '',
    clarifyOptions: strings(doc.clarifyOptions),
    followUp: lower('followUp'),
    people: lower('people'),
    nobody: lower('nobody'),
    negations: lower('negations'),
    notNegations: lower('notNegations'),
  };
  if (!intents.clarifyQuestion) issues.push({ severity: 'error', file, line: 1, message: 'needs `clarifyQuestion`: the question to ask back when a question is too vague' });
  return { intents, issues };
}

/** Parses `vocabulary.yml`: `words:`, the words of the trade that typo correction leaves alone. */
export function parseVocabularyFile(source: string, file: string): { vocabulary: string[]; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const doc = load(source, file, issues) as { words?: unknown } | undefined;
  if (issues.length > 0) return { vocabulary: [], issues };
  const words = strings(doc?.words).map((w) => w.toLowerCase());
  if (words.length === 0) issues.push({ severity: 'error', file, line: 1, message: 'a vocabulary file holds `words:` followed by a list of words' });
  return { vocabulary: words, issues };
}

/** Parses `names.yml`: per kind (`useCase`, `method`, `warning`, ...), ids with the extra names snippets use. */
export function parseNamesFile(source: string, file: string): { names: NameTable; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const doc = load(source, file, issues) as Record<string, unknown> | undefined;
  const names: NameTable = {};
  if (issues.length > 0) return { names, issues };
  const lineOf = lineFinder(source);
  for (const [kindKey, table] of Object.entries(doc ?? {})) {
    const kind = targetKinds[kindKey] ?? (kindKey === 'useCase' ? 'useCase' : undefined);
    if (!kind || !table || typeof table !== 'object') {
      issues.push({ severity: 'error', file, line: lineOf(new RegExp(`^${escape(kindKey)}:`)), message: `"${kindKey}" is not a kind of names (use useCase, method, technology, warning or topic, each with ids and their names)` });
      continue;
    }
    names[kind] = Object.fromEntries(Object.entries(table as Record<string, unknown>).map(([id, list]) => [id, strings(list).map((n) => n.toLowerCase())]));
  }
  return { names, issues };
}

/** A guide with nothing written yet: what a page without answer-writing fields has. */
export const emptyGuide = (): Guide => ({ steps: [], tasks: [], lead: [], remedies: [] });

/**
 * Reads the answer-writing fields of a page's front matter; a malformed field is reported (with its key, and the
 * entry within it, so the caller can give the line) and left out.
 */
export function readGuide(data: Record<string, unknown>, report: (message: string, key: string, entry?: string) => void): Guide {
  const one = (key: string): string | undefined => {
    if (data[key] == null) return undefined;
    const value = text(data[key]);
    if (!value) report(`front matter "${key}" should be one sentence of text`, key);
    return value;
  };
  const link = (key: string): SourceLink | undefined => {
    if (data[key] == null) return undefined;
    const value = readLink(data[key]);
    if (!value) report(`front matter "${key}" should be { title, url } with an absolute url`, key);
    return value;
  };
  const tasks: Task[] = [];
  if (data.tasks != null && !Array.isArray(data.tasks)) report('front matter "tasks" should be a list of { id, title, phrases, steps, docs }', 'tasks');
  for (const raw of Array.isArray(data.tasks) ? data.tasks : []) {
    const t = (raw ?? {}) as Record<string, unknown>;
    const id = text(t.id);
    const steps = strings(t.steps);
    const phrases = strings(t.phrases).map((s) => s.toLowerCase());
    if (!id || steps.length === 0 || phrases.length === 0) {
      report(`task ${JSON.stringify(id ?? t.title ?? '?')} needs an id, phrases and steps`, 'tasks', typeof id === 'string' ? id : undefined);
      continue;
    }
    tasks.push({ id, title: text(t.title) ?? id, phrases, steps, docs: readLink(t.docs) });
  }
  const refs = (values: unknown, key: string) =>
    strings(values)
      .map((value) => {
        const ref = readRef(value);
        if (!ref) report(`front matter "${key}" entry "${value}" is not a ref like "technology:rest"`, key, value);
        return ref;
      })
      .filter((r): r is { kind: EntityKind; id: string } => r !== null);
  const lead = refs(data.lead, 'lead');
  let unattended: Guide['unattended'];
  if (data.unattended != null) {
    const u = (typeof data.unattended === 'object' ? data.unattended : {}) as Record<string, unknown>;
    const verdict = text(u.verdict);
    const uLead = refs(u.lead, 'unattended');
    if (verdict && uLead.length > 0) unattended = { verdict, lead: uLead };
    else report('front matter "unattended" should be { verdict, lead } with one sentence and a list of refs', 'unattended');
  }
  if (data.carrier != null && typeof data.carrier !== 'boolean') report('front matter "carrier" should be true or false', 'carrier');
  return {
    docs: link('docs'),
    useWhen: one('useWhen'),
    avoidWhen: one('avoidWhen'),
    steps: strings(data.steps),
    tasks,
    instead: one('instead'),
    remedies: strings(data.remedies),
    verdict: one('verdict'),
    lead,
    question: one('question'),
    ...(unattended ? { unattended } : {}),
    ...(data.carrier === true ? { carrier: true } : {}),
  };
}
