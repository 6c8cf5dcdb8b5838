import { stopwords, words } from '../text/tokens';
import { cleanQuestion } from './clean';
import { compose, linkOf } from './compose';
import { evidenceTuning, gatherEvidence } from './evidence';
import { decideIntent, isChitchat, namesTwoOptions, normalise } from './intent';
import type { Firing } from './matcher';
import type { AnswerParts } from './parts';
import { rank, type Ranking } from './rank';
import { pickSources } from './sources';
import { readQuestion, type QuestionText } from './terms';
import type { Answer, AskContext } from './types';

export type { AnswerParts } from './parts';
export { readQuestion } from './terms';

/**
 * Answers one question, in stages that each do one thing: clean -> terms -> evidence -> rank -> intent ->
 * compose -> sources. Pure and synchronous.
 */
export function answerQuestion(parts: AnswerParts, question: string, context: AskContext = {}): Answer {
  const cleaned = cleanQuestion(question, parts.maxQuestionChars);
  const notes: string[] = [];
  if (cleaned.truncated) notes.push(`Only the first ${parts.maxQuestionChars.toLocaleString('en-US')} characters of the question were read.`);
  const text = readQuestion(cleaned.text, parts.speller);

  const chitchat = isChitchat(cleaned.text, parts.corpus.intents);
  const phraseFirings = parts.phrases.match(text.terms, text.original);
  // The rules are matched once: the follow-up decision and the evidence stage both read these firings.
  const ruleFirings = parts.matcher.match(text.terms, text.original);
  const previous = !chitchat && context.previous && isFollowUp(parts, text, phraseFirings, ruleFirings) ? readQuestion(cleanQuestion(context.previous, parts.maxQuestionChars).text, parts.speller) : null;
  const evidence = gatherEvidence(parts, text, previous, ruleFirings);
  const ranking = rank(parts, evidence);
  const decision = decideIntent(parts, text, evidence, ranking, phraseFirings, chitchat);
  const answering = decision.intent !== 'chitchat' && decision.intent !== 'out-of-scope';
  const shown: Ranking = answering ? ranking : { ...ranking, useCases: [], methods: [], technologies: [], warnings: [], topics: [] };
  const composed = compose(parts, evidence, shown, decision);
  const intent = composed.intent ?? decision.intent;
  const recommended = answering ? composed.recommendation.map((r) => parts.entityByKey.get(`${r.kind}:${r.id}`)).map((e) => (e ? linkOf(e) : undefined)) : [];
  const { sources, covered } = chitchat ? { sources: [], covered: false } : pickSources(parts, text.terms, evidence, shown, composed.lead, recommended, answering);

  const { corpus } = parts;
  if (decision.intent === 'out-of-scope') {
    if (corpus.rules.length === 0 && corpus.entities.length === 0) {
      // A documentation tree without rules: there is nothing to recommend, only pages to point at.
      notes.push(sources.length > 0 ? 'The pages below match the question best.' : 'No page of this documentation matches the question.');
    } else {
      notes.push(
        covered
          ? 'This does not look like an integration-architecture question, so there is no recommendation; the pages below match its words.'
          : 'This does not look like a Mendix integration question, so I have no recommendation.',
      );
    }
  }
  if (text.corrections.length > 0 && answering) notes.push(`Read as: ${text.corrections.slice(0, 5).join(', ')}.`);
  const readWith = evidence.usedPrevious && answering && context.previous ? cleanQuestion(context.previous, 300).text : null;

  const rowOf = (id: string) => corpus.matrix?.cells[id] ?? {};
  return {
    query: cleaned.text,
    intent,
    headline: composed.headline || (decision.intent === 'out-of-scope' ? notes[notes.length - 1] ?? '' : ''),
    recommendation: answering && intent !== 'clarify' ? composed.recommendation : [],
    reasons: composed.reasons,
    caveats: composed.caveats,
    steps: composed.steps,
    clarify: composed.clarify,
    matrixRow: answering ? composed.matrixRow : null,
    readWith,
    confidence: round(composed.confidence),
    useCases: shown.useCases.map((uc) => ({ id: uc.entity.id, title: uc.entity.title, score: round(uc.score), methods: rowOf(uc.entity.id), reasons: uc.reasons })),
    methods: shown.methods,
    technologies: shown.technologies,
    warnings: shown.warnings.map((w) => ({ id: w.entity.id, title: w.entity.title, text: w.entity.summary })),
    topics: shown.topics.map((t) => ({ id: t.entity.id, title: t.entity.title })),
    sources,
    notes,
  };
}

/**
 * A message is read with the thread's earlier question when it starts like a follow-up ("and for mobile?"), or
 * when it is short and does not stand on its own: "sync or async?" names both options of a comparison and is a
 * new question, not more of the old one.
 */
function isFollowUp(parts: AnswerParts, text: QuestionText, phraseFirings: readonly Firing[], ruleFirings: readonly Firing[]): boolean {
  const start = normalise(words(text.text).slice(0, 3).join(' '));
  if ((parts.corpus.intents?.followUp ?? []).some((p) => start.startsWith(` ${words(p).join(' ')} `))) return true;
  const content = text.terms.filter((t) => !stopwords.has(t)).length;
  if (content > evidenceTuning.shortFollowUp) return false;
  // Two technologies or methods named ("kafka or rest?") stand on their own too.
  const named = new Set(ruleFirings.filter((f) => /^name:(technology|method):/.test(f.rule.id)).map((f) => f.rule.id));
  return !namesTwoOptions(phraseFirings) && named.size < 2;
}



function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
