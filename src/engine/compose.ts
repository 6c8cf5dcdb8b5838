import type { Comparison, Entity, EntityKind, Level, SourceLink } from '../knowledge/types';
import { stopwords, terms } from '../text/tokens';
import { evidenceTuning, rankedOf, type EvidenceMap } from './evidence';
import { adviceOf, type Advice } from './advice';
import type { IntentDecision } from './intent';
import type { AnswerParts } from './parts';
import type { Ranking, RankedEntity } from './rank';
import type { Answer, Clarify, Recommendation } from './types';

/**
 * The compose stage: the headline, what it recommends, the reasons, the caveats, the steps and the question
 * to ask back, in the words of the knowledge (verdicts, comparisons, `useWhen`/`avoidWhen`, steps) and of the
 * question itself (quoted, never stemmed). Pure.
 */

/** The answer's composed fields, and what the later stages need to know about them. */
export interface Composed extends Pick<Answer, 'headline' | 'recommendation' | 'reasons' | 'caveats' | 'steps' | 'clarify' | 'matrixRow' | 'confidence'> {
  /** The link the headline rests on, shown first. */
  lead: SourceLink | null;
  /** Set when composing showed the question to be too vague after all: the answer asks back. */
  intent?: 'clarify';
}

const tuning = Object.freeze({
  maxReasons: 3,
  maxCaveats: 3,
  maxRecommendation: 4,
  maxClarifyOptions: 3,
  /** Below this confidence an answer also offers the interpretations to pick from. */
  offerClarifyBelow: 0.6,
  /** Two reasons whose shorter one has at least `minWords` content words, `overlap` of them in the other, say the same. */
  sameReason: { minWords: 4, overlap: 0.6 },
  /** A second need is answered too when it rests on this much rule evidence and this share of the first's score. */
  secondNeed: { minRule: 1.5, ratio: 0.6 },
  /** How sure a guess from the closest need is: below the level at which answers offer the interpretations. */
  guessConfidence: 0.4,
});

/** Lowercases a sentence's first word to continue a sentence with it, unless it is a name ("SaaS", "BI", "OData"). */
const lowerFirst = (s: string) => (/^[A-Z][a-z]*(?=[\s,.:;!?'’-]|$)/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
export function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  return end > 20 ? text.slice(0, end + 1) : text;
}
const ref = (e: Entity): Recommendation => ({ kind: e.kind, id: e.id, title: e.title });
/** A comparison's condition as the end of a sentence: "above 1,000 a second" stays, "many apps subscribe" gets "when". */
const condition = (when: string) => {
  const text = lowerFirst(when.trim().replace(/\.$/, ''));
  return /^(above|below|past|beyond|for|with|at|in|under|over|once|if|when|as soon as|whenever)\b/.test(text) ? text : `when ${text}`;
};
const betterPick = (title: string, when: string) => `${title} is the better pick ${condition(when)}.`;
/** The first clause of a condition: enough to show what it turns on in a headline ("above roughly 1,000 messages a second"). */
const firstClause = (when: string) => when.split(/,\s|;\s/)[0];
/** The rest of a condition after its first clause ("many producers and consumers of one stream, or …"), or ''. */
const otherClauses = (when: string) => when.slice(firstClause(when).length).replace(/^[,;]\s*(or\s+)?/, '').trim();
const notTheFit = (e: Entity) => (e.guide.avoidWhen ? `When ${e.title} is not the fit: ${lowerFirst(sentence(e.guide.avoidWhen))}` : undefined);

/** The page a claim about an entity should link to: its Mendix documentation page, else its first source. */
export function linkOf(entity: Entity): SourceLink | undefined {
  return entity.guide.docs ?? entity.sources.find((s) => s.url.startsWith('https://docs.mendix.com')) ?? entity.sources[0];
}

/** Builds the parts of the answer that depend on the intent. */
export function compose(parts: AnswerParts, evidence: EvidenceMap, ranking: Ranking, decision: IntentDecision): Composed {
  const { entityByKey, corpus } = parts;
  const entity = (kind: EntityKind, id: string) => entityByKey.get(`${kind}:${id}`);
  const top = ranking.useCases[0];
  // The top use case's verdict and lead for this question (its unattended variant when no person takes part).
  const advice: Advice = top ? adviceOf(top.entity, decision.attended) : { lead: [], unattended: false };
  const row = top && corpus.matrix ? corpus.matrix.cells[top.entity.id] ?? {} : {};
  const methodTitle = (id: string) => entity('method', id)?.title ?? id;
  const matrixRow = top && corpus.matrix ? describeRow(top.entity, row, methodTitle) : null;
  const out: Composed = { headline: '', recommendation: [], reasons: [], caveats: [], steps: [], clarify: null, matrixRow, lead: null, confidence: 0 };

  const recommend = (...entities: (Entity | undefined)[]) => {
    for (const e of entities) {
      if (!e || out.recommendation.length >= tuning.maxRecommendation || out.recommendation.some((r) => r.kind === e.kind && r.id === e.id)) continue;
      out.recommendation.push(ref(e));
    }
  };
  const reason = (text: string | undefined, source?: SourceLink) => {
    if (!text || out.reasons.length >= tuning.maxReasons || out.reasons.some((r) => r.text === text || saysTheSame(r.text, text))) return;
    out.reasons.push(source ? { text, source } : { text });
  };
  const caveat = (text: string | undefined, source?: SourceLink) => {
    if (!text || out.caveats.length >= tuning.maxCaveats || out.caveats.some((c) => c.text === text)) return;
    out.caveats.push(source ? { text, source } : { text });
  };
  /** Reasons from the rules that pointed at an entity, quoting the question's words. */
  const quoted = new Set<string>();
  const becauseOf = (e: RankedEntity | undefined, source?: SourceLink) => {
    for (const b of e?.because ?? []) {
      // One reason per thing the question says: three rules on "sensors" make one reason, not three, and
      // "app database" adds nothing after "read our app database".
      if (b.quote && [...quoted].some((q) => q.includes(b.quote) || b.quote.includes(q))) continue;
      if (b.quote) quoted.add(b.quote);
      reason(b.quote ? `You mention “${b.quote}”: ${lowerFirst(sentence(b.why))}` : sentence(b.why), source);
    }
  };
  const evidenceOf = (e: Entity) => {
    const found = evidence.byKey.get(`${e.kind}:${e.id}`);
    return found ? { entity: e, ...found } : undefined;
  };
  // Warnings the question walks into come first among the caveats, whatever the intent.
  const warnings = ranking.warnings.filter((w) => w.ruleScore >= evidenceTuning.listAt);
  const warnAll = (insteadInHeadline?: Entity, applies: (w: Entity) => boolean = () => true) => {
    for (const w of warnings) {
      if (!applies(w.entity)) continue;
      const instead = w.entity.guide.instead && w.entity !== insteadInHeadline ? ` ${sentence(w.entity.guide.instead)}` : '';
      caveat(`${w.entity.title}: ${firstSentence(w.entity.summary)}${instead}`, linkOf(w.entity));
    }
  };

  switch (decision.intent) {
    case 'chitchat':
    case 'out-of-scope':
      out.confidence = decision.intent === 'chitchat' ? 0 : Math.min(0.3, 1 - Math.exp(-ranking.strongest));
      return out;

    case 'clarify': {
      out.clarify = clarifyFrom(parts, evidence);
      const c = decision.comparison;
      if (c) {
        // A bare "sync or async?": say what each option is for, then ask what the exchange is.
        const other = c.otherWins[0];
        const defaultTitle = entity(c.default.kind, c.default.id)?.title ?? c.default.id;
        const otherTitle = other ? entity(other.pick.kind, other.pick.id)?.title : undefined;
        const when = other ? firstClause(other.when) : '';
        const depends = otherTitle ? `${defaultTitle} by default, ${otherTitle} ${condition(when)}` : `${defaultTitle} by default`;
        out.clarify = { ...out.clarify, question: `It depends on the need: ${depends}. ${out.clarify.question}` };
        out.lead = c.source ?? null;
      } else if (decision.technology) {
        // A bare "is Kafka a good idea?": when it fits, then what the exchange is.
        const t = decision.technology;
        const fits = `${t.title}: ${lowerFirst(sentence(t.guide.useWhen ?? firstSentence(t.summary)))}`;
        out.clarify = { ...out.clarify, question: `It depends on the need. ${fits} ${out.clarify.question}` };
        out.lead = linkOf(t) ?? null;
      }
      out.headline = out.clarify.question;
      out.confidence = Math.min(0.45, 1 - Math.exp(-ranking.strongest));
      return out;
    }

    case 'compare': {
      const c = decision.comparison;
      // A warning the question walks into settles a comparison between its remedy and something else ("the
      // database connector straight on the other app's Postgres, or OData?"): the remedy, in the warning's words.
      const remedy = warnings
        .map((w) => ({ w, o: decision.options.find((o) => o.kind === 'technology' && w.entity.guide.remedies.includes(o.id)) }))
        .find(({ w, o }) => o !== undefined && decision.options.some((x) => x !== o && x.kind === 'technology' && !w.entity.guide.remedies.includes(x.id)));
      if (remedy && remedy.o) {
        const { w, o } = remedy;
        out.headline = w.entity.guide.instead ? `${o.title}: ${lowerFirst(sentence(w.entity.guide.instead))}` : `${o.title}: ${lowerFirst(firstSentence(w.entity.summary))}`;
        out.lead = linkOf(w.entity) ?? null;
        becauseOf(w, linkOf(w.entity));
        warnAll(w.entity);
        recommend(o, w.entity, ...decision.options);
        out.confidence = 0.75;
        return out;
      }
      if (c) {
        const pick = decision.condition ? decision.condition.condition.pick : c.default;
        const picked = entity(pick.kind, pick.id)!;
        out.lead = c.source ?? linkOf(picked) ?? null;
        if (decision.condition) {
          const { condition, quote } = decision.condition;
          out.headline = sentence(condition.verdict);
          if (quote) quoted.add(quote);
          reason(`${quote ? `You mention “${quote}”: ` : ''}${betterPick(picked.title, condition.when)}`, c.source);
          caveat(`If not, ${lowerFirst(sentence(c.verdict))}`, c.source);
        } else {
          // The headline names the pick and when the other wins, unless the verdict already says so ("…; switch to
          // business events when several apps must react").
          const other = c.otherWins.find((w) => w.pick.kind !== pick.kind || w.pick.id !== pick.id);
          const otherEntity = other ? entity(other.pick.kind, other.pick.id) : undefined;
          const named = otherEntity ? [otherEntity.title, ...(c.names[`${otherEntity.kind}:${otherEntity.id}`] ?? [])].some((n) => c.verdict.toLowerCase().includes(n.toLowerCase())) : true;
          const inHeadline = other && otherEntity && !named ? other : undefined;
          out.headline = inHeadline ? `${c.verdict.trim().replace(/\.$/, '')}; ${otherEntity!.title} ${condition(firstClause(inHeadline.when))}.` : sentence(c.verdict);
          if (decision.holds) {
            const { quote, when } = decision.holds;
            quoted.add(quote);
            reason(`You mention “${quote}”: ${betterPick(picked.title, when)}`, c.source);
          }
          for (const r of c.reasons) reason(sentence(r), c.source);
          // Each condition is a caveat; the one the headline already states in short adds only the rest of it.
          for (const w of c.otherWins) {
            const title = entity(w.pick.kind, w.pick.id)?.title ?? w.pick.id;
            if (w !== inHeadline) caveat(betterPick(title, w.when), c.source);
            else if (otherClauses(w.when)) caveat(`${title} also ${condition(otherClauses(w.when))}.`, c.source);
          }
        }
        warnAll();
        recommend(picked, ...c.options.map((o) => entity(o.kind, o.id)));
        // A written comparison with its condition met (or its default confirmed in so many words) is the surest
        // answer; a bare default stays below 0.8 because the question may hold a condition the comparison does not
        // list (dev key: 0.90 right at 0.86).
        out.confidence = decision.condition || decision.holds ? 0.9 : 0.78;
        return out;
      }
      // Two named things without a written comparison: the one the matrix favours for the need wins.
      const levelOf = (e: Entity) => {
        const methods = e.kind === 'method' ? [e.id] : e.methods;
        return Math.max(0, ...methods.map((m) => (row[m] === 'preferred' ? 2 : row[m] === 'possible' ? 1 : 0)));
      };
      const options = [...decision.options].sort((a, b) => levelOf(b) - levelOf(a) || (evidenceOf(b)?.score ?? 0) - (evidenceOf(a)?.score ?? 0));
      const [picked, ...others] = options;
      // One colon per headline: the part of "use when" before its own colon ("…owns the screen and the data: a portal…").
      const useFor = (e: Entity) => lowerFirst(sentence((e.guide.useWhen ?? firstSentence(e.summary)).split(/:\s/)[0]));
      out.headline = top
        ? `${picked.title} fits ${lowerFirst(top.entity.title)} better${levelOf(picked) > levelOf(others[0]) ? ' (the matrix favours its method)' : ''}: ${useFor(picked)}`
        : `${picked.title}: ${lowerFirst(sentence(picked.guide.useWhen ?? firstSentence(picked.summary)))}`;
      for (const o of others) caveat(o.guide.useWhen ? `${o.title} instead: ${lowerFirst(sentence(o.guide.useWhen))}` : undefined, linkOf(o));
      becauseOf(evidenceOf(picked));
      warnAll();
      recommend(picked, ...others);
      out.lead = linkOf(picked) ?? null;
      out.confidence = 0.66;
      return out;
    }

    case 'how-to': {
      const t = decision.technology!;
      const task = decision.task?.owner.id === t.id ? decision.task.task : null;
      out.steps = task ? task.steps : t.guide.steps;
      out.lead = task?.docs ?? linkOf(t) ?? null;
      out.headline =
        out.steps.length > 0
          ? `Use ${t.title}${task ? ` (${lowerFirst(task.title)})` : ''}; first, ${lowerFirst(out.steps[0]).replace(/\.$/, '')}.`
          : `Use ${t.title}: ${lowerFirst(sentence(t.guide.useWhen ?? firstSentence(t.summary)))}`;
      reason(t.guide.useWhen ? sentence(t.guide.useWhen) : undefined, linkOf(t));
      // A warning this technology is the remedy for is what the question avoids, not a caveat of it.
      warnAll(undefined, (w) => !w.guide.remedies.includes(t.id));
      caveat(notTheFit(t), linkOf(t));
      recommend(t, ...t.methods.map((m) => entity('method', m)));
      out.confidence = task ? 0.93 : out.steps.length > 0 ? 0.78 : 0.7;
      return out;
    }

    case 'check': {
      const w = warnings[0];
      if (w) {
        // The verdict and what to do instead; the warning itself (why) is the first caveat.
        out.headline = w.entity.guide.instead
          ? `Reconsider this plan: ${lowerFirst(sentence(w.entity.guide.instead))}`
          : `Reconsider this plan: ${lowerFirst(firstSentence(w.entity.summary))}`;
        out.lead = linkOf(w.entity) ?? null;
        becauseOf(w, linkOf(w.entity));
        warnAll(w.entity);
        recommend(w.entity, ...(w.entity.guide.remedies.length > 0 ? w.entity.guide.remedies : w.entity.related).map((id) => entity('technology', id) ?? entity('topic', id)));
        // Sure when the plan is put up for judgement or the warning is as strong as the need the question
        // describes; a warning phrase in passing in a long description of a need stays below 0.8.
        const strongestNeed = Math.max(0, ...ranking.useCases.map((u) => u.ruleScore));
        // A warning read from words spread over a long stretch (no quotable phrase) is never sure.
        const phrased = w.because.some((b) => b.quote !== '');
        const sure = phrased && (decision.judged || w.ruleScore * evidenceTuning.warningOverNeed >= strongestNeed);
        out.confidence = sure ? 0.6 + 0.35 * (1 - Math.exp(-w.ruleScore)) : 0.72;
        return out;
      }
      const t = decision.technology;
      const verdict = advice.verdict;
      if (t && decision.condition) {
        // The question meets a condition under which another option beats the plan's choice.
        const { comparison, condition, quote } = decision.condition;
        const better = entity(condition.pick.kind, condition.pick.id)!;
        out.headline = `Probably not. ${sentence(condition.verdict)}`;
        if (quote) quoted.add(quote);
        reason(`${quote ? `You mention “${quote}”: ` : ''}${betterPick(better.title, condition.when)}`, comparison.source);
        caveat(`${t.title} stays the better pick otherwise: ${lowerFirst(sentence(comparison.verdict))}`, comparison.source);
        recommend(better, t);
        out.lead = comparison.source ?? linkOf(better) ?? null;
        out.confidence = 0.75;
        return out;
      }
      // A plan that names no technology but a practice ("v2 drops two fields, consumers will adapt") is judged
      // by that practice's page. With a technology named, the plan is judged on the technology: a sound CSV-over-
      // SFTP plan is not answered with the push-or-pull page because it says "pull the changes".
      // A practice page with an `instead` (versioning) also judges a plan that names only a carrier: "rename fields in
      // our live v1 REST api" is about the versioning, not about REST.
      const practice = ranking.topics.find((p) => p.ruleScore >= evidenceTuning.listAt && (!t || (t.guide.carrier === true && p.entity.guide.instead !== undefined)));
      if (practice) {
        const { instead } = practice.entity.guide;
        out.headline = instead
          ? `Reconsider this plan: ${lowerFirst(sentence(instead))}`
          : `Mind ${lowerFirst(practice.entity.title)}: ${lowerFirst(sentence(practice.entity.guide.useWhen ?? firstSentence(practice.entity.summary)))}`;
        out.lead = linkOf(practice.entity) ?? null;
        becauseOf(practice, linkOf(practice.entity));
        warnAll();
        // A use case found only by example questions says nothing about this plan: no advice and no matrix row of it.
        const needFound = top !== undefined && top.ruleScore >= evidenceTuning.listAt;
        if (!needFound) out.matrixRow = null;
        recommend(practice.entity, ...(needFound ? advice.lead.map((r) => entity(r.kind, r.id)) : practice.entity.related.slice(0, 2).map((id) => entity('technology', id) ?? entity('topic', id))));
        out.confidence = 0.7;
        return out;
      }
      if (t && top) {
        const levels = t.methods.map((m) => row[m]).filter(Boolean);
        // A condition the question meets can make the plan's choice the better one (OData for a Tableau team);
        // in a row without a preferred method (export & import), a possible one is as good as it gets.
        const favoured = decision.shift !== null;
        const rowHasPreferred = Object.values(row).includes('preferred');
        const level: Level | undefined = favoured || levels.includes('preferred') || (!rowHasPreferred && levels.length > 0) ? 'preferred' : levels[0];
        const c = decision.comparison;
        if (c && level !== 'preferred') {
          // The plan picks a special-case option the need does not prefer, without meeting its condition
          // (Kafka for 50 orders a day): the comparison's default wins.
          const fallback = entity(c.default.kind, c.default.id)!;
          const when = c.otherWins.find((w) => w.pick.kind === t.kind && w.pick.id === t.id)!.when;
          out.headline = `Probably not: ${lowerFirst(sentence(c.verdict))}`;
          if (decision.holds) {
            quoted.add(decision.holds.quote);
            reason(`You mention “${decision.holds.quote}”: ${betterPick(fallback.title, decision.holds.when)}`, c.source);
          }
          reason(betterPick(t.title, when), c.source);
          for (const r of c.reasons.slice(0, 2)) reason(sentence(r), c.source);
          recommend(fallback, t);
          out.lead = c.source ?? linkOf(fallback) ?? null;
          out.confidence = 0.7;
          return out;
        }
        if (decision.shift) {
          const { comparison, condition, quote } = decision.shift;
          if (quote) quoted.add(quote);
          reason(`${quote ? `You mention “${quote}”: ` : ''}${betterPick(t.title, condition.when)}`, comparison.source);
        }
        const method = t.methods.map(methodTitle).join(' / ') || t.title;
        out.headline =
          level === 'preferred'
            ? `Sounds right: ${t.title} fits ${lowerFirst(top.entity.title)} here (${method}).`
            : level === 'possible'
              ? `Workable, but not the usual choice: the matrix marks ${method} as possible for ${lowerFirst(top.entity.title)}. ${verdict ?? ''}`.trim()
              : `Reconsider: the best-practice matrix does not use ${method} for ${lowerFirst(top.entity.title)}. ${verdict ?? ''}`.trim();
        recommend(level === 'preferred' ? t : undefined, ...advice.lead.map((r) => entity(r.kind, r.id)), t);
        out.confidence = level ? 0.75 : 0.7;
      } else {
        out.headline = `No red flag in the best practices here. ${verdict ?? ''}`.trim();
        recommend(...advice.lead.map((r) => entity(r.kind, r.id)));
        out.confidence = 0.6;
      }
      out.lead = top ? linkOf(top.entity) ?? null : null;
      becauseOf(top, top ? linkOf(top.entity) : undefined);
      if (t) caveat(notTheFit(t), linkOf(t));
      return out;
    }

    case 'recommend': {
      // A use case found only by search or example questions is a guess: what the question names (a
      // technology, a topic) is answered instead, and without that the question is asked back.
      const weak = top !== undefined && top.ruleScore < evidenceTuning.listAt;
      // The closest need by any evidence (example questions, search), for a guess.
      const closest = top ?? rankedOf(evidence, parts, 'useCase')[0];
      if (closest && (weak || !top) && decision.guess) {
        // A long need no rule reads: the closest need's advice, said as a guess, with the interpretations to pick.
        const guessAdvice = adviceOf(closest.entity, decision.attended);
        out.headline = sentence(guessAdvice.verdict ?? firstSentence(closest.entity.summary));
        recommend(...guessAdvice.lead.map((r) => entity(r.kind, r.id)));
        const guessTech = guessAdvice.lead.map((r) => entity(r.kind, r.id)).find((e) => e?.kind === 'technology');
        out.lead = linkOf(guessTech ?? closest.entity) ?? null;
        if (!top) out.matrixRow = null;
        warnAll();
        out.clarify = clarifyFrom(parts, evidence);
        out.confidence = tuning.guessConfidence;
        return out;
      }
      if (!top || weak) {
        // In scope through a technology or topic alone: say what it is for.
        const named = [
          ...ranking.technologies.map((t) => evidenceOf(entity('technology', t.id)!)).filter((t) => t !== undefined && t.ruleScore >= evidenceTuning.listAt),
          ...ranking.topics,
          ...[...evidence.byKey].filter(([key, e]) => key.startsWith('method:') && e.named).map(([key]) => evidenceOf(entityByKey.get(key)!)),
        ].filter((e): e is RankedEntity => e !== undefined)[0];
        if (!named) {
          out.clarify = clarifyFrom(parts, evidence);
          out.headline = out.clarify.question;
          out.confidence = 0.3;
          out.intent = 'clarify';
          return out;
        }
        const e = named.entity;
        out.headline = `${e.title}: ${lowerFirst(sentence(e.guide.useWhen ?? firstSentence(e.summary)))}`;
        out.lead = linkOf(e) ?? null;
        becauseOf(named, linkOf(e));
        warnAll();
        caveat(notTheFit(e), linkOf(e));
        recommend(e);
        out.confidence = Math.min(0.75, 1 - Math.exp(-named.ruleScore));
        return out;
      }
      const shifted = decision.shift ? entity(decision.shift.condition.pick.kind, decision.shift.condition.pick.id) : undefined;
      const t = decision.technology ?? shifted;
      // A technology of no method (client certificates, TLS, a proxy) works across every row: it is usable wherever asked.
      const usable = t && (t === shifted || t.methods.length === 0 || t.methods.some((m) => row[m]));
      // The use case's lead in its own order, except that what the question's words point at comes first: of
      // tokens, certificates and API management, "api keys, throttling, usage stats" asks for API management.
      const supported = (r: { kind: EntityKind; id: string }) => (evidence.byKey.get(`${r.kind}:${r.id}`)?.ruleScore ?? 0) >= evidenceTuning.listAt;
      const leads = [...advice.lead.filter(supported), ...advice.lead.filter((r) => !supported(r))].map((r) => entity(r.kind, r.id));
      // A carrier named in passing ("apps call each other's REST APIs") does not replace advice that leads with a
      // technology of its own (client-credentials tokens for app-to-app authentication).
      const carrierOnly = t?.guide.carrier === true && t !== shifted && advice.lead[0]?.kind === 'technology' && advice.lead[0].id !== t.id;
      const techFirst = usable && !carrierOnly && !advice.lead.some((r) => r.kind === 'technology' && r.id === t!.id) ? t : undefined;
      out.headline = shifted && decision.shift
        ? sentence(decision.shift.condition.verdict)
        : techFirst
        ? `${techFirst.title} fits here: ${lowerFirst(sentence(techFirst.guide.useWhen ?? firstSentence(techFirst.summary)))}`
        : sentence(advice.verdict ?? `${ranking.methods[0]?.title ?? 'The matrix row below'} is the usual choice for ${lowerFirst(top.entity.title)}`);
      recommend(techFirst, ...(usable && !carrierOnly ? [t!] : []), ...leads, ...ranking.methods.slice(0, 1).map((m) => entity('method', m.id)));
      // The link to check is the page of what the answer leads with: the advice's first technology (the OIDC module
      // for a sign-in question, not the use case's page or its client-certificate how-to).
      const adviceTech = leads.find((e) => e?.kind === 'technology');
      out.lead = (shifted ? decision.shift?.comparison.source ?? linkOf(shifted) : linkOf(techFirst ?? adviceTech ?? top.entity)) ?? null;
      // A second need asked in the same question is answered too.
      const second = ranking.useCases[1];
      // A second need is one the question states in words of its own, not the same words read two ways.
      const topWords = new Set(top.because.map((b) => b.quote));
      const ownWords = second?.because.some((b) => b.quote !== '' && !topWords.has(b.quote)) ?? false;
      const secondAdvice = second ? adviceOf(second.entity, decision.attended) : undefined;
      if (second && secondAdvice?.verdict && ownWords && second.ruleScore >= tuning.secondNeed.minRule && second.score >= top.score * tuning.secondNeed.ratio) {
        out.headline = `${top.entity.title}: ${lowerFirst(shortForm(out.headline))}; ${lowerFirst(second.entity.title)}: ${lowerFirst(shortForm(secondAdvice.verdict))}.`;
        const secondLead = secondAdvice.lead[0];
        if (secondLead) recommend(entity(secondLead.kind, secondLead.id));
      }
      if (shifted && decision.shift) {
        const { comparison, condition, quote } = decision.shift;
        if (quote) quoted.add(quote);
        reason(`${quote ? `You mention “${quote}”: ` : ''}${betterPick(shifted.title, condition.when)}`, comparison.source);
        caveat(`If not, ${lowerFirst(sentence(advice.verdict ?? comparison.verdict))}`, linkOf(top.entity));
      }
      becauseOf(top, linkOf(top.entity));
      if (t) becauseOf(evidenceOf(t), linkOf(t));
      const preferred = Object.keys(row).filter((m) => row[m] === 'preferred').map(methodTitle);
      if (preferred.length > 0 && corpus.matrix) reason(`The best-practice matrix prefers ${joinWords(preferred)} for ${lowerFirst(top.entity.title)}.`, corpus.matrix.source);
      warnAll();
      const mainTech = techFirst ?? leads.find((e) => e?.kind === 'technology');
      // What would change the answer: a comparison's condition under which something the verdict does not
      // already name wins over the main technology; else when the main technology is not the fit.
      const change = mainTech && !shifted ? changeOf(corpus.comparisons, mainTech, advice.lead) : null;
      if (change) caveat(betterPick(entity(change.condition.pick.kind, change.condition.pick.id)?.title ?? change.condition.pick.id, change.condition.when), change.comparison.source);
      else caveat(mainTech ? notTheFit(mainTech) : undefined, mainTech ? linkOf(mainTech) : undefined);
      out.confidence = recommendConfidence(ranking);
      if (out.confidence < tuning.offerClarifyBelow) out.clarify = clarifyFrom(parts, evidence);
      return out;
    }
  }
}

/** The first comparison condition under which another option beats `main`, naming something `lead` does not. */
function changeOf(comparisons: readonly Comparison[], main: Entity, lead: readonly { kind: EntityKind; id: string }[]) {
  for (const comparison of comparisons) {
    if (comparison.default.kind !== main.kind || comparison.default.id !== main.id) continue;
    const condition = comparison.otherWins.find((w) => !lead.some((r) => r.kind === w.pick.kind && r.id === w.pick.id) && w.pick.kind !== 'warning');
    if (condition) return { comparison, condition };
  }
  return null;
}

/**
 * How sure a recommendation is: rule evidence for the top use case, lowered when a runner-up is close and
 * capped when only search or example questions support it (they rank, they never make an answer confident).
 */
function recommendConfidence(ranking: Ranking): number {
  const [top, second] = ranking.useCases;
  if (!top) return 0.3;
  const rule = 1 - Math.exp(-top.ruleScore / 1.5);
  // A runner-up counts as a rival only when words of its own point at it ("customer master" read as both
  // distributing and updating master data is one reading, not two).
  const topWords = new Set(top.because.map((b) => b.quote));
  const rival = second?.because.some((b) => b.quote !== '' && !topWords.has(b.quote)) ?? false;
  const closeness = second && rival ? Math.min(1, second.score / top.score) : 0;
  // A recommendation read from a described need stays below 0.8: on the answer keys its lead is acceptable about
  // three times in four, so only comparisons with their condition met, named how-to tasks and plans that walk into
  // a warning are stated as sure.
  const value = Math.min(0.79, 0.85 * rule * (1 - 0.4 * closeness));
  return top.ruleScore < evidenceTuning.listAt ? Math.min(value, 0.45) : value;
}

/** The question to ask back, with the use cases the question is closest to as full questions to pick. */
function clarifyFrom(parts: AnswerParts, evidence: EvidenceMap): Clarify {
  const { corpus, entityByKey } = parts;
  // Use cases a rule points at come first; when only search and example questions found any, the needs people
  // ask about most (intents.yml `clarifyOptions`) are the better guesses.
  const found = [...evidence.byKey].filter(([key]) => key.startsWith('useCase:')).sort((a, b) => b[1].score - a[1].score);
  const byRule = found.filter(([, e]) => e.ruleScore >= evidenceTuning.listAt).map(([key]) => entityByKey.get(key)!);
  const defaults = (corpus.intents?.clarifyOptions ?? []).map((id) => entityByKey.get(`useCase:${id}`)).filter((e): e is Entity => e !== undefined);
  const candidates = [...byRule, ...defaults, ...found.map(([key]) => entityByKey.get(key)!)];
  const options: Clarify['options'] = [];
  for (const e of candidates) {
    if (options.length >= tuning.maxClarifyOptions) break;
    if (!e.guide.question || options.some((o) => o.query === e.guide.question)) continue;
    options.push({ label: e.title, query: e.guide.question });
  }
  return { question: corpus.intents?.clarifyQuestion || 'What should happen between which systems, and how much data, how often?', options };
}

/**
 * True when two reasons say much the same: most content words of the shorter one are in the longer one (three
 * rules that each say "reading a Mendix app's database bypasses its logic" make one reason, not three).
 */
function saysTheSame(a: string, b: string): boolean {
  const content = (text: string) => new Set(terms(text.replace(/^You mention “[^”]*”: /, '')).filter((t) => !stopwords.has(t)));
  const [x, y] = [content(a), content(b)];
  const small = x.size <= y.size ? x : y;
  const large = small === x ? y : x;
  if (small.size < tuning.sameReason.minWords) return false;
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / small.size >= tuning.sameReason.overlap;
}

/** A verdict cut to its main clause, for a headline that answers two needs in one sentence. */
function shortForm(verdict: string): string {
  const main = verdict.replace(/\.$/, '').split(/;\s/)[0].trim();
  if (main.length <= 150) return main;
  const comma = main.lastIndexOf(',', 150);
  return comma > 60 ? main.slice(0, comma) : main;
}

function joinWords(list: string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** "Distribute master & transactional data: preferred RPC / services; possible Events / queues, ..." */
function describeRow(useCase: Entity, row: Record<string, Level>, title: (id: string) => string): string {
  const of = (level: Level) => Object.keys(row).filter((m) => row[m] === level).map(title);
  const preferred = of('preferred');
  const possible = of('possible');
  const partsOf = [preferred.length > 0 ? `preferred ${preferred.join(', ')}` : '', possible.length > 0 ? `possible ${possible.join(', ')}` : ''].filter(Boolean);
  return `${useCase.title}: ${partsOf.join('; ') || 'no method in the matrix'}`;
}
