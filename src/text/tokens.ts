/**
 * Words as the matcher and the index see them: lowercase, accents kept, punctuation gone, light stemming.
 * The same function runs on questions, rule phrases, synonyms and section text, so they meet in one form.
 */
import abbreviations from './abbreviations.json';
import irregularStems from './irregular-stems.json';

// Words the suffix rules would get wrong ("data", "status", "kubernetes") or that must meet one form ("logging"
// and "logs" -> "log"). Language data shared by every corpus (the shipped knowledge and documentation trees
// alike), so it lives next to the tokenizer as data, not in one knowledge folder.
// A Map, not the object itself: "constructor" must not find Object.prototype.constructor.
const irregular = new Map<string, string>(Object.entries(irregularStems));
// Shorthand people type in a hurry ("svc", "msg", "db", "certs"), stemmed as the word it stands for, so a rule
// written with "service" meets "svc" and a rule written with "db" still meets "db". Only unambiguous ones: "hr"
// (hour or human resources), "req" (request or requisition) and "auth" (which of the two?) are not here.
const abbreviation = new Map<string, string>(Object.entries(abbreviations));

/**
 * Reduces a lowercase word to a stem: plurals, -ing, -ed and a few suffixes.
 * @example stem('queues') === 'queue'; stem('integrating') === 'integrat'; stem('mapping') === 'mapping'
 */
export function stem(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  const result = computeStem(word);
  // Words repeat a lot across a corpus; the memo is bounded so hostile input cannot grow it without limit.
  if (stems.size > 500_000) stems.clear();
  stems.set(word, result);
  return result;
}

const stems = new Map<string, string>();

/** Units a number may carry ("5k", "2M", "3bn"), as multipliers. */
const numberUnits: Record<string, number> = { '': 1, k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, b: 1e9, bn: 1e9 };

/**
 * A number's magnitude, as the smallest number of its class: below 10 -> "1", tens -> "10", hundreds -> "100",
 * thousands -> "1000", millions and more -> "1000000". Rules and questions are stemmed alike, so a rule's
 * "1000 per second" meets "5k/sec" and "8,000 a second", "10 apps" meets "12 apps", and "every 5 seconds" meets
 * "every 2 seconds". Null for a word that
 * is not a plain number ("v2", "s3", "127.0.0.1").
 */
function magnitude(word: string): string | null {
  const match = /^(\d+(?:,\d{3})*|\d+)(?:\.(\d+))?([a-z]*)$/.exec(word);
  if (!match || !Object.hasOwn(numberUnits, match[3])) return null;
  const value = Number(`${match[1].replace(/,/g, '')}${match[2] ? `.${match[2]}` : ''}`) * numberUnits[match[3]];
  if (!Number.isFinite(value)) return null;
  return value >= 1e6 ? '1000000' : value >= 1000 ? '1000' : value >= 100 ? '100' : value >= 10 ? '10' : '1';
}

/**
 * The word a piece of shorthand stands for, else the word itself: for word lists matched without stemming (the
 * phrases of `intents.yml`), so "what svc should i use" reads like "what service should i use".
 * @example expandShorthand('svc') === 'service'; expandShorthand('queue') === 'queue'
 */
export function expandShorthand(word: string): string {
  return abbreviation.get(word) ?? word;
}

/** Numbers written as words, as the smallest number of their magnitude ("four hundred trucks" reads like "400 trucks"). */
const numberWords = new Map<string, string>([
  ...['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].map((w): [string, string] => [w, '1']),
  ...['ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'dozens'].map((w): [string, string] => [w, '10']),
  ['hundred', '100'], ['hundreds', '100'], ['thousand', '1000'], ['thousands', '1000'],
  ['million', '1000000'], ['millions', '1000000'], ['billion', '1000000'], ['billions', '1000000'],
]);

function computeStem(word: string): string {
  const spelled = numberWords.get(word);
  if (spelled !== undefined) return spelled;
  const full = abbreviation.get(word);
  if (full !== undefined) return computeStem(full);
  const fixed = irregular.get(word);
  if (fixed) return fixed;
  const number = /^\d/.test(word) ? magnitude(word) : null;
  if (number) return number;
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (/(?:ss|us|is)$/.test(w)) {
    // class, status, analysis stay
  } else if (/(?:ches|shes|xes|zes|sses)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith("'s")) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) {
    w = w.slice(0, -3);
    if (/([bdgklmnprt])\1$/.test(w)) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && w.length > 4) {
    w = w.slice(0, -2);
    if (/([bdgklmnprt])\1$/.test(w)) w = w.slice(0, -1);
  }
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5) + 'at';
  else if (w.endsWith('ions') || w.endsWith('ion')) w = w.replace(/ions?$/, '');
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = w.slice(0, -1) + 'i';
  return w;
}

// A number keeps its separators and unit ("3,000", "1.5k", "2M") so that it is one word of one magnitude.
const wordPattern = /\p{N}+(?:[.,]\p{N}+)*\p{L}*|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
/** The same for plain ASCII text, which is most text and twice as fast without Unicode classes. */
const asciiWordPattern = /[0-9]+(?:[.,][0-9]+)*[a-z]*|[a-z0-9]+(?:'[a-z]+)?/g;
const nonAscii = /[^\x00-\x7f]/;

/**
 * Splits text into lowercase words (no stemming). Apostrophes inside words stay ("app's").
 * @example words('Power-BI reads the app’s DB!') -> ['power', 'bi', 'reads', 'the', "app's", 'db']
 */
export function words(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  const pattern = nonAscii.test(lower) ? wordPattern : asciiWordPattern;
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(lower))) {
    let w = match[0];
    if (w.length > 2 && (w.includes("'") || w.includes('’'))) {
      w = w.replace(/’/g, "'");
      w = w.endsWith("'s") ? w.slice(0, -2) : w.replace(/'/g, '');
    }
    out.push(w);
  }
  return out;
}

/**
 * Lowercase runs of letters and digits, nothing else: how names, rule vocabularies and matrix labels are split,
 * where apostrophes and stems do not matter.
 * @example plainWords("Int. with BI & Reporting") -> ['int', 'with', 'bi', 'reporting']
 */
export function plainWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Words stemmed: the form used for matching. */
export function terms(text: string): string[] {
  return words(text).map(stem);
}

/** Common English words that carry no meaning for search. */
export const stopwords = new Set(
  (
    'a an and are as at be been but by can could do does did for from had has have how i if in into is it its me my ' +
    'no not of on or our should so such than that the their them then there these they this those to too us was we ' +
    'were what when where which while who why will with would you your yours about any all also am just more most ' +
    'other some only same very s t don shall may might must let lets hi hey hello thanks thank please guys folks team ' +
    'anyone someone somebody know think want wondering question quick best way approach recommend recommended option ' +
    'options go going get got need good right better like im ive we re ll d ve dont cant wont isnt doesnt didnt ' +
    'shouldnt wouldnt couldnt arent wasnt werent youre theyre thats whats lets gonna wanna'
  )
    .split(/\s+/)
    .map(stem),
);

/** Words that can stand in for each other inside a rule phrase: "read the database" also reads "read our database". */
export const determiners = new Set(
  'the a an our my your their its this that these those his her some any'.split(' ').map(stem),
);
