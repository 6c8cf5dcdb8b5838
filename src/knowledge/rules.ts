import yaml from 'js-yaml';
import type { EntityKind, Example, LoadIssue, Rule } from './types';
import { terms } from '../text/tokens';

/** Target prefixes authors write in `points`, and the entity kind each names. */
export const targetKinds: Record<string, EntityKind> = {
  'use-case': 'useCase', usecase: 'useCase', method: 'method', technology: 'technology', tech: 'technology', warning: 'warning', topic: 'topic',
};

/** Parses YAML, or says where it breaks. */
function loadYaml(source: string, file: string, what: string): { doc?: unknown; problem?: LoadIssue } {
  try {
    return { doc: yaml.load(source) };
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { problem: { severity: 'error', file, line: (mark?.line ?? 0) + 1, message: `${what} file is not valid YAML: ${message}` } };
  }
}

/**
 * Parses one rules file (`rules: [...]` in YAML). Bad rules are reported with their line and skipped;
 * the good ones still load.
 */
export function parseRulesFile(source: string, file: string): { rules: Rule[]; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const rules: Rule[] = [];
  const { doc, problem } = loadYaml(source, file, 'rules');
  if (problem) return { rules, issues: [problem] };
  const list = Array.isArray(doc) ? doc : (doc as { rules?: unknown })?.rules;
  if (!Array.isArray(list)) {
    issues.push({ severity: 'error', file, line: 1, message: 'a rules file holds `rules:` followed by a list of rules' });
    return { rules, issues };
  }
  // Line of each `id:` in one pass, so messages can point at the rule.
  const idLines = new Map<string, number>();
  source.split('\n').forEach((line, index) => {
    const match = /^\s*-?\s*id:\s*["']?([^"'\s#]+)["']?\s*(?:#.*)?$/.exec(line);
    if (match && !idLines.has(match[1])) idLines.set(match[1], index + 1);
  });
  const lineOf = (id: string) => idLines.get(id);
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const id = typeof item.id === 'string' && item.id.trim() ? item.id.trim() : `rule-${index + 1}`;
    const line = lineOf(id);
    const problem = (message: string) => issues.push({ severity: 'error', file, line, message: `rule "${id}": ${message}` });
    if (seen.has(id)) issues.push({ severity: 'warning', file, line, message: `rule id "${id}" is used twice` });
    seen.add(id);
    const strings = (value: unknown): string[] =>
      Array.isArray(value) ? value.filter((v) => typeof v === 'string' || typeof v === 'number').map((v) => String(v).trim()).filter(Boolean) : typeof value === 'string' ? [value] : [];
    const phrases = strings(item.phrases);
    const all = Array.isArray(item.all) ? item.all.map(strings).filter((g) => g.length > 0) : [];
    if (phrases.length === 0 && all.length === 0) return problem('needs `phrases` or `all`');
    const weight = item.weight === undefined ? 1 : Number(item.weight);
    if (!Number.isFinite(weight) || weight <= 0 || weight > 10) return problem('`weight` must be a number above 0 and at most 10');
    const points: Rule['points'] = [];
    for (const target of strings(item.points)) {
      const [prefix, targetId] = target.split(':').map((s) => s.trim());
      const kind = targetKinds[prefix];
      if (!kind || !targetId) {
        problem(`target "${target}" should look like use-case:<id>, method:<id>, technology:<id>, warning:<id> or topic:<id>`);
        continue;
      }
      points.push({ kind, id: targetId, weight });
    }
    if (points.length === 0) return problem('needs at least one target in `points`');
    // A veto word that is also a word of the rule's own phrase silences it for good ("ftps" is read as "ftp").
    const vetoes = new Set(strings(item.unless).filter((v) => terms(v).length === 1).flatMap((v) => terms(v)));
    const silenced = phrases.find((p) => terms(p).some((t) => vetoes.has(t)));
    if (silenced !== undefined) issues.push({ severity: 'warning', file, line, message: `rule "${id}": a word of \`unless\` is read like a word of its own phrase "${silenced}", so that phrase can never fire` });
    rules.push({
      id,
      phrases,
      all,
      unless: strings(item.unless),
      points,
      why: typeof item.why === 'string' ? item.why.trim() : '',
      ...(item.names === true ? { names: true } : {}),
      file,
      line,
    });
  });
  return { rules, issues };
}

/**
 * Parses one examples file (`useCase: <id>` and `examples:` as a list of questions). Examples that are not
 * text are reported and skipped.
 */
export function parseExamplesFile(source: string, file: string): { examples: Example[]; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const { doc, problem } = loadYaml(source, file, 'examples');
  if (problem) return { examples: [], issues: [problem] };
  const body = (doc ?? {}) as { useCase?: unknown; examples?: unknown };
  if (typeof body.useCase !== 'string' || !Array.isArray(body.examples)) {
    return { examples: [], issues: [{ severity: 'error', file, line: 1, message: 'an examples file holds `useCase: <id>` and `examples:` followed by a list of questions' }] };
  }
  const useCase = body.useCase.trim();
  const lines = source.split('\n');
  let cursor = 0;
  const examples: Example[] = [];
  body.examples.forEach((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') {
      issues.push({ severity: 'error', file, message: `example ${index + 1} is not a question in quotes` });
      return;
    }
    // Find the example's line, scanning forward (examples are in file order).
    const probe = item.slice(0, 30);
    while (cursor < lines.length && !lines[cursor].includes(probe)) cursor++;
    examples.push({ text: item.trim(), useCase, file, line: cursor < lines.length ? cursor + 1 : undefined });
  });
  return { examples, issues };
}
