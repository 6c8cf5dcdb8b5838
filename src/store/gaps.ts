import type { FeedbackRecord } from './feedback-log';

/**
 * Turns the feedback log into a to-do list for knowledge authors: the questions asked most often that the bot
 * could not answer confidently, and the answers people marked not helpful. Pure.
 */

export interface GapEntry {
  /** The most recent wording of the question. */
  question: string;
  count: number;
  lastAt: string;
}

export interface GapsReport {
  unanswered: (GapEntry & { bestConfidence: number })[];
  notHelpful: (GapEntry & { helpful: number; topUseCase?: string })[];
  totals: { records: number; lowConfidence: number; helpful: number; notHelpful: number };
}

/**
 * The key questions are grouped by: lower case, punctuation and repeated spaces removed.
 * @example normalizeQuestion('How to  sync SAP?') === normalizeQuestion('how to sync sap')
 */
export function normalizeQuestion(question: string): string {
  return question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const byCountThenRecent = (a: GapEntry, b: GapEntry) => b.count - a.count || b.lastAt.localeCompare(a.lastAt);

/** Builds the report; `limit` caps each list. */
export function gapsReport(records: readonly FeedbackRecord[], limit = 20): GapsReport {
  const unanswered = new Map<string, GapEntry & { bestConfidence: number }>();
  const rated = new Map<string, GapEntry & { helpful: number; notHelpfulCount: number; topUseCase?: string }>();
  const totals = { records: records.length, lowConfidence: 0, helpful: 0, notHelpful: 0 };

  for (const r of records) {
    const key = normalizeQuestion(r.question);
    if (key === '') continue;
    if (r.kind === 'low-confidence') {
      totals.lowConfidence++;
      const entry = unanswered.get(key) ?? { question: r.question, count: 0, lastAt: r.at, bestConfidence: 0 };
      entry.count++;
      entry.bestConfidence = Math.max(entry.bestConfidence, r.confidence);
      if (r.at >= entry.lastAt) Object.assign(entry, { lastAt: r.at, question: r.question });
      unanswered.set(key, entry);
    } else {
      if (r.rating === 'helpful') totals.helpful++;
      else totals.notHelpful++;
      const entry = rated.get(key) ?? { question: r.question, count: 0, lastAt: r.at, helpful: 0, notHelpfulCount: 0 };
      if (r.rating === 'helpful') entry.helpful++;
      else {
        entry.notHelpfulCount++;
        if (r.at >= entry.lastAt) Object.assign(entry, { lastAt: r.at, question: r.question, topUseCase: r.topUseCase });
      }
      rated.set(key, entry);
    }
  }

  const notHelpful = [...rated.values()]
    .filter((e) => e.notHelpfulCount > 0)
    .map(({ notHelpfulCount, ...e }) => ({ ...e, count: notHelpfulCount }))
    .sort(byCountThenRecent)
    .slice(0, limit);
  return { unanswered: [...unanswered.values()].sort(byCountThenRecent).slice(0, limit), notHelpful, totals };
}

/** The report as text for a terminal. */
export function renderGapsText(report: GapsReport, file: string): string {
  const lines: string[] = [];
  const { totals } = report;
  if (totals.records === 0) return `No feedback recorded yet (${file}).\n`;
  lines.push(`${totals.records} record(s) in ${file}: ${totals.lowConfidence} low-confidence question(s), ${totals.helpful} helpful, ${totals.notHelpful} not helpful.`);
  lines.push('', 'Most frequent questions without a confident answer:');
  if (report.unanswered.length === 0) lines.push('  (none)');
  for (const e of report.unanswered) {
    lines.push(`  ${String(e.count).padStart(4)}×  ${oneLine(e.question)}   (best confidence ${Math.round(e.bestConfidence * 100)}%, last ${e.lastAt.slice(0, 10)})`);
  }
  lines.push('', 'Answers marked not helpful:');
  if (report.notHelpful.length === 0) lines.push('  (none)');
  for (const e of report.notHelpful) {
    const extra = [e.topUseCase ? `answered as ${e.topUseCase}` : '', e.helpful > 0 ? `${e.helpful} found it helpful` : ''].filter(Boolean).join(', ');
    lines.push(`  ${String(e.count).padStart(4)}×  ${oneLine(e.question)}${extra ? `   (${extra})` : ''}`);
  }
  return lines.join('\n') + '\n';
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
