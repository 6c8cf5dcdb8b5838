import type { Corpus, Entity, Level, SourceLink } from '../knowledge/types';
import type { Answer, Clarify, Point } from '../engine/types';

/**
 * What the default answer shows, whatever the surface: decided once here, so Slack, the console and `ask` show
 * the same parts in the same order. The order is the answer contract's: a warning the question walks into, the
 * headline, one to three reasons (the steps for how-to, the question and its options for clarify), what would
 * change the answer, the matrix row, one or two links. Everything else is one click (or `--verbose`) away.
 */
export interface Outline {
  /** The warning the question walks into (the first caveat, when it is one of the answer's warnings). */
  warning: string | null;
  headline: string;
  /** Shown only when confidence is low, in words: never a percentage. */
  unsure: string | null;
  /** "Read together with your earlier question about …" when the engine read a follow-up with the thread's question. */
  readWith: string | null;
  /** Reasons, or numbered steps for how-to. */
  points: { kind: 'reason' | 'step'; text: string; /** A step's number in the answer's steps. */ number?: number }[];
  clarify: Clarify | null;
  /** What would change the answer (a caveat), or a second warning; `labelled` when the text does not say it is a condition. */
  change: { text: string; warning: boolean; labelled: boolean } | null;
  /** The top use case's matrix row as one line. */
  matrixRow: string | null;
  links: SourceLink[];
  /** Notes worth a line (the question was cut, …); the guidance of an empty answer is the headline. */
  note: string | null;
  /** Nothing in the knowledge applies: the headline is guidance, the links are pages that may help. */
  empty: boolean;
}

/** How much of an answer to show: level 0 shows all of the outline, each level up drops the least needed part. */
export type Trim = number;

/** Answers below this confidence say in words that they may have missed the point. */
export const unsureBelow = 0.6;
export const unsureText = "I'm not sure this is what you mean.";
export const emptyHint = 'Try naming the systems and the data involved, or ask for help to see examples.';

const levelMark: Record<Level, string> = { preferred: '●', possible: '○' };

/** The title of an entity of the corpus, or the id when the corpus does not know it. */
export function titleOf(corpus: Corpus | undefined, kind: Entity['kind'], id: string): string {
  return corpus?.entities.find((e) => e.kind === kind && e.id === id)?.title ?? id;
}

/** One use case's matrix row on one line: "● Export, import & batch  ○ RPC / services". */
export function matrixCells(corpus: Corpus | undefined, methods: Record<string, Level>): string {
  const order = corpus?.matrix?.methods ?? Object.keys(methods);
  const ids = [...order.filter((m) => methods[m]), ...Object.keys(methods).filter((m) => !order.includes(m))];
  const preferred = ids.filter((m) => methods[m] === 'preferred');
  const possible = ids.filter((m) => methods[m] === 'possible');
  const cells = [...preferred, ...possible].map((m) => `${levelMark[methods[m]]} ${titleOf(corpus, 'method', m)}`);
  return cells.length > 0 ? cells.join('  ') : 'no method marked in the matrix';
}

/** True when a caveat is one of the answer's warnings (the engine writes a warning caveat from its title or text). */
export function isWarningCaveat(answer: Answer, caveat: Point): boolean {
  const text = caveat.text.toLowerCase();
  return answer.warnings.some((w) => {
    const title = w.title.toLowerCase();
    const body = w.text.toLowerCase();
    return text.includes(title) || text.includes(body.slice(0, 60)) || body.includes(text.slice(0, 60));
  });
}

/**
 * The warning line: the caveat's text, or only the warning's title when the headline already says what the warning
 * says (a `check` answer that starts with the verdict), so nothing is said twice.
 */
function leadWarningText(answer: Answer, lead: Point, headline: string): string {
  const warning = answer.warnings.find((w) => isWarningCaveat({ ...answer, warnings: [w] }, lead));
  if (!warning) return lead.text;
  const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter((w) => w.length > 3);
  const said = new Set(words(headline));
  const body = words(warning.text).slice(0, 8);
  return body.length > 0 && body.filter((w) => said.has(w)).length >= Math.ceil(body.length * 0.6) ? warning.title : lead.text;
}

/**
 * Sources for the default answer: the engine's first (the page the headline rests on; for a how-to the page with
 * the steps' detail), then docs.mendix.com pages, then the rest in the engine's order.
 */
export function leadingLinks(sources: readonly SourceLink[], max: number): SourceLink[] {
  const [head, ...tail] = sources;
  if (!head) return [];
  const docs = tail.filter((s) => /^https:\/\/docs\.mendix\.com\//.test(s.url));
  const rest = tail.filter((s) => !docs.includes(s));
  return [head, ...docs, ...rest].slice(0, max);
}

/** A link's label: the page and section title, without the provenance suffix the knowledge adds in parentheses. */
export function linkLabel(source: SourceLink): string {
  return source.title.replace(/\s*\((?:Mendix docs|best practices|[^()]*docs[^()]*)[^()]*\)\s*$/i, '').trim() || source.title;
}

/** True when nothing in the knowledge applies to the question. */
export function isEmptyAnswer(answer: Answer): boolean {
  if (answer.intent === 'out-of-scope' || answer.intent === 'chitchat') return true;
  if (answer.intent === 'clarify') return false;
  return answer.useCases.length === 0 && answer.technologies.length === 0 && answer.topics.length === 0 && answer.warnings.length === 0 && answer.reasons.length === 0 && answer.steps.length === 0;
}

/**
 * The default answer's parts. `trim` drops parts from the least needed up, so a surface can keep the answer within
 * its length budget: 1 the note, 2 the second link, 3 the third reason, 4 what would change the answer, 5 the
 * matrix row, 6 the second reason.
 */
export function outlineAnswer(answer: Answer, corpus?: Corpus, trim: Trim = 0): Outline {
  const empty = isEmptyAnswer(answer);
  const lead = !empty && answer.caveats[0] && isWarningCaveat(answer, answer.caveats[0]) ? answer.caveats[0] : null;
  const headline = answer.headline.trim() || answer.notes[0] || (answer.useCases[0] ? answer.useCases[0].title : 'I could not find a confident answer in the knowledge base.');
  const stepsAnswer = answer.intent === 'how-to' && answer.steps.length > 0;
  const maxPoints = stepsAnswer ? (trim >= 6 ? 2 : trim >= 3 ? 3 : 4) : trim >= 6 ? 1 : trim >= 3 ? 2 : 3;
  const points = empty
    ? []
    : stepsAnswer
      ? answer.steps
          .map((text, i) => ({ kind: 'step' as const, text, number: i + 1 }))
          // A headline that already says the first step ("…; first, add a published REST service") is not repeated.
          .slice(saysStep(headline, answer.steps[0]) ? 1 : 0)
          .slice(0, maxPoints)
      : answer.reasons.slice(0, maxPoints).map((r) => ({ kind: 'reason' as const, text: r.text }));
  const other = empty ? undefined : answer.caveats.find((c) => c !== lead);
  const top = answer.useCases[0];
  // A how-to is about one technology and a clarify about which need it is: a use case's row answers neither. A row
  // that prefers no method ("possible" everywhere) tells the reader nothing either.
  const rowSaysSomething = !top || Object.values(top.methods).includes('preferred');
  const matrixRow =
    empty || answer.intent === 'clarify' || stepsAnswer || !rowSaysSomething ? null : answer.matrixRow;
  const clarify = answer.clarify && answer.clarify.options.length > 0 && (answer.intent === 'clarify' || empty || answer.confidence < unsureBelow) ? answer.clarify : null;
  const unsure = !clarify && !empty && answer.confidence < unsureBelow && ['recommend', 'compare', 'how-to', 'check'].includes(answer.intent) ? unsureText : null;
  const note = answer.notes.find((n) => n !== headline) ?? null;
  return {
    warning: lead ? leadWarningText(answer, lead, headline) : null,
    headline,
    unsure,
    readWith: answer.readWith ? `Read together with your earlier question about “${clipWords(answer.readWith, 80)}”.` : null,
    points,
    clarify,
    change: other && trim < 4 ? { text: other.text, warning: isWarningCaveat(answer, other), labelled: !/^(when|if|unless|only if)\b/i.test(other.text.trim()) } : null,
    matrixRow: trim < 5 ? matrixRow : null,
    links: leadingLinks(answer.sources, trim >= 2 ? 1 : 2),
    note: trim < 1 ? note : null,
    empty,
  };
}

/** True when the headline holds the step's words (its case and final period aside). */
function saysStep(headline: string, step: string | undefined): boolean {
  const words = (text: string) => text.toLowerCase().replace(/[.\s]+$/, '').replace(/\s+/g, ' ');
  return step !== undefined && words(headline).includes(words(step));
}

/** Cuts text at a word boundary to about `max` characters. */
export function clipWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '') + '…';
}

/** Deepest trim level `outlineAnswer` knows. */
export const maxTrim = 6;
