import type { Comparison, Corpus, Entity, Example, IntentPhrases, LoadIssue, Matrix, NameTable, Page, RawMatrix, Rule } from './types';
import { plainWords, terms, stopwords } from '../text/tokens';

/**
 * Builds a corpus from parsed pages and rules: entities from pages that declare `kind` + `id`, and the matrix
 * from the first table of marks whose rows and columns resolve to use cases and methods.
 * Pure: the loader reads the files, this only assembles.
 */
export function assembleCorpus(pages: Page[], rules: Rule[], issues: LoadIssue[], examples: Example[] = [], data: CorpusData = {}): Corpus {
  const entities: Entity[] = [];
  const byKey = new Map<string, Entity>();
  for (const page of pages) {
    if (!page.entity) continue;
    const key = `${page.entity.kind}:${page.entity.id}`;
    if (byKey.has(key)) {
      issues.push({ severity: 'error', file: page.file, line: 1, message: `${page.entity.kind} id "${page.entity.id}" is already defined by ${byKey.get(key)!.pageId}` });
      continue;
    }
    const firstText = page.sections.find((s) => s.text.length > 40)?.text ?? '';
    const entity: Entity = {
      kind: page.entity.kind,
      id: page.entity.id,
      title: page.title,
      summary: page.description || firstSentences(firstText),
      synonyms: page.synonyms,
      pageId: page.id,
      sources: page.sources.length > 0 ? page.sources : [{ title: page.title, url: page.url }],
      related: page.related,
      methods: page.methods,
      unless: page.unless,
      guide: page.guide,
    };
    byKey.set(key, entity);
    entities.push(entity);
  }

  const sections = pages.flatMap((p) => p.sections);
  let matrix: Matrix | null = null;
  for (const page of pages) {
    for (const raw of page.matrices) {
      matrix = resolveMatrix(raw, entities, page);
      if (matrix) break;
    }
    if (matrix) break;
  }

  const known = new Set(entities.map((e) => `${e.kind}:${e.id}`));
  if (entities.length > 0) {
    for (const rule of rules) {
      for (const point of rule.points) {
        if (!known.has(`${point.kind}:${point.id}`)) {
          issues.push({ severity: 'error', file: rule.file, line: rule.line, message: `rule "${rule.id}" points at unknown ${point.kind} "${point.id}"` });
        }
      }
    }
  }
  if (entities.length > 0) {
    const reported = new Set<string>();
    for (const example of examples) {
      if (known.has(`useCase:${example.useCase}`) || reported.has(example.file)) continue;
      reported.add(example.file);
      issues.push({ severity: 'error', file: example.file, line: 1, message: `examples are for unknown use case "${example.useCase}"` });
    }
  }
  const comparisons = (data.comparisons ?? []).filter((c) => {
    if (entities.length === 0) return true;
    const refs = [...c.options, ...c.otherWins.map((w) => w.pick)];
    const unknown = refs.find((r) => !known.has(`${r.kind}:${r.id}`));
    if (unknown) issues.push({ severity: 'error', file: c.file, line: c.line, message: `comparison "${c.id}" names unknown ${unknown.kind} "${unknown.id}"` });
    return !unknown;
  });
  const names = data.names ?? {};
  if (entities.length > 0) {
    for (const [kind, table] of Object.entries(names)) {
      for (const id of Object.keys(table ?? {})) {
        if (!known.has(`${kind}:${id}`)) issues.push({ severity: 'error', file: 'names.yml', message: `names for unknown ${kind} "${id}"` });
      }
    }
    for (const entity of entities) {
      const unknownRemedy = entity.guide.remedies.find((id) => !known.has(`technology:${id}`) && !known.has(`topic:${id}`));
      if (unknownRemedy) issues.push({ severity: 'error', file: entity.pageId, line: 1, message: `"remedies" names "${unknownRemedy}", which is no technology or topic` });
      for (const [key, refs] of [['lead', entity.guide.lead], ['unattended', entity.guide.unattended?.lead ?? []]] as const) {
        const unknown = refs.find((r) => !known.has(`${r.kind}:${r.id}`));
        if (unknown) issues.push({ severity: 'error', file: entity.pageId, line: 1, message: `"${key}" names unknown ${unknown.kind} "${unknown.id}"` });
      }
    }
  }
  return {
    pages,
    sections,
    entities,
    rules,
    examples: examples.filter((e) => known.has(`useCase:${e.useCase}`)),
    matrix,
    comparisons,
    intents: data.intents ?? null,
    vocabulary: data.vocabulary ?? [],
    names,
    issues,
  };
}

/** What the top-level data files add to a corpus (each optional: a plain documentation tree has none). */
export interface CorpusData {
  comparisons?: Comparison[];
  intents?: IntentPhrases | null;
  vocabulary?: string[];
  names?: NameTable;
}

function firstSentences(text: string): string {
  const cut = text.slice(0, 400);
  const end = cut.search(/[.!?](\s|$)/);
  return (end > 30 ? cut.slice(0, end + 1) : cut).trim();
}

/** Abbreviations the reference matrix uses in its labels. */
const expansions: Record<string, string> = { int: 'integration', orch: 'orchestration', cont: 'continuous', proc: 'process', mgmt: 'management' };

/** Terms of labels and names already read: matching a table compares every label with every name of every entity. */
const labelTermsRead = new Map<string, Set<string>>();

function labelTerms(text: string): Set<string> {
  const known = labelTermsRead.get(text);
  if (known) return known;
  const out = readLabelTerms(text);
  if (labelTermsRead.size > 10_000) labelTermsRead.clear();
  labelTermsRead.set(text, out);
  return out;
}

function readLabelTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of plainWords(text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'))) {
    for (const t of terms(expansions[word] ?? word)) if (!stopwords.has(t)) out.add(t);
  }
  return out;
}

/** How well a label names an entity: the best overlap with its id, title or any synonym (0..1). */
function nameScore(label: Set<string>, entity: Entity): number {
  let best = 0;
  for (const name of [entity.id.replace(/-/g, ' '), entity.title, ...entity.synonyms]) {
    const target = labelTerms(name);
    if (target.size === 0) continue;
    let shared = 0;
    for (const t of label) if (target.has(t)) shared++;
    const score = (2 * shared) / (label.size + target.size);
    if (score > best) best = score;
  }
  return best;
}

/** Pairs labels with entities one to one, best pairs first, so two similar labels cannot claim the same id. */
function assign(labels: string[], candidates: Entity[]): (string | null)[] {
  const pairs: { label: number; entity: number; score: number }[] = [];
  labels.forEach((label, i) => {
    const t = labelTerms(label);
    candidates.forEach((entity, j) => {
      const score = nameScore(t, entity);
      if (score >= 0.3) pairs.push({ label: i, entity: j, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score);
  const out: (string | null)[] = labels.map(() => null);
  const used = new Set<number>();
  for (const pair of pairs) {
    if (out[pair.label] !== null || used.has(pair.entity)) continue;
    out[pair.label] = candidates[pair.entity].id;
    used.add(pair.entity);
  }
  return out;
}

/**
 * Resolves a table of marks against the corpus's use cases and methods.
 * Returns null unless most rows are use cases and most columns methods.
 */
export function resolveMatrix(raw: RawMatrix, entities: Entity[], page: Pick<Page, 'title' | 'url' | 'sections' | 'sources'>): Matrix | null {
  const useCases = entities.filter((e) => e.kind === 'useCase');
  const methods = entities.filter((e) => e.kind === 'method');
  if (useCases.length === 0 || methods.length === 0) return null;
  const columnIds = assign(raw.columns, methods);
  const rowIds = assign(raw.rows.map((r) => r.label), useCases);
  const resolvedColumns = columnIds.filter(Boolean).length;
  const resolvedRows = rowIds.filter(Boolean).length;
  if (resolvedColumns < Math.max(2, raw.columns.length * 0.6) || resolvedRows < Math.max(2, raw.rows.length * 0.6)) return null;
  const cells: Matrix['cells'] = {};
  raw.rows.forEach((row, r) => {
    const useCase = rowIds[r];
    if (!useCase) return;
    const levels: Matrix['cells'][string] = {};
    row.cells.forEach((level, c) => {
      const method = columnIds[c];
      if (method && level) levels[method] = level;
    });
    cells[useCase] = levels;
  });
  const section = [...page.sections].reverse().find((s) => s.line <= raw.line) ?? page.sections[0];
  return {
    methods: columnIds.filter((id): id is string => id !== null),
    useCases: rowIds.filter((id): id is string => id !== null),
    cells,
    // A page that names its sources links to them (our pages); a documentation page links to itself.
    source: page.sources[0] ?? { title: section && section.title !== page.title ? `${page.title}: ${section.title}` : page.title, url: section?.url ?? page.url },
  };
}
