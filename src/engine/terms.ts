import { stem, stopwords, words } from '../text/tokens';
import type { Speller } from './spell';

/**
 * The terms stage: a cleaned question as the later stages read it. One stemmed term per word, so a rule's
 * word positions map back to the words as typed, which the answer quotes instead of stems.
 */
export interface QuestionText {
  /** The cleaned text. */
  text: string;
  /** Lowercase words as typed. */
  words: string[];
  /** Stemmed terms after typo correction, one per word. */
  terms: string[];
  /** Stemmed terms before typo correction (vetoes read these, so a correction cannot hide a veto word). */
  original: string[];
  corrections: string[];
  /** The words as typed between two word positions (`end` exclusive), for quoting the question back; '' when too long. */
  quote(at: number, end: number): string;
}

/** At most this many unknown words of a question are looked up for typos, and none longer than this. */
const maxCorrections = 24;
const maxTypoLength = 20;
/** A span longer than this many words is not quoted: words picked from across a sentence read as nonsense. */
const maxQuoteWords = 6;

/** Question text -> corrected, stemmed terms. */
export function readQuestion(text: string, speller: Speller): QuestionText {
  const corrections: string[] = [];
  const terms: string[] = [];
  const original: string[] = [];
  const typed = words(text);
  // Unknown words cost a lookup each; a message of random letters must not cost hundreds of them.
  let lookups = 0;
  for (const word of typed) {
    const unknown = !stopwords.has(word) && !speller.has(word) && word.length >= 4 && word.length <= maxTypoLength;
    const fixed = unknown && lookups++ < maxCorrections ? speller.correct(word) : word;
    if (fixed !== word) corrections.push(`${word} → ${fixed}`);
    terms.push(stem(fixed));
    original.push(stem(word));
  }
  const quote = (at: number, end: number) => {
    const span = typed.slice(Math.max(0, at), Math.max(at + 1, end));
    return span.length > maxQuoteWords ? '' : span.join(' ');
  };
  return { text, words: typed, terms, original, corrections, quote };
}
