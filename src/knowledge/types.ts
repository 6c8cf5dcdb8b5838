/**
 * The shapes the loader produces. Everything here is plain data: the engine and the renderers read it,
 * only `src/knowledge/` builds it from files.
 */

/** Kinds of things the knowledge base names with stable ids. */
export type EntityKind = 'useCase' | 'method' | 'technology' | 'warning' | 'topic';

/** A matrix cell: the method is the common/preferred choice, a possible one, or not used (`null`). */
export type Level = 'preferred' | 'possible';

/** A link an answer can show: always absolute, with `#anchor` when it points into a page. */
export interface SourceLink {
  title: string;
  url: string;
}

/** A problem found while loading: the file still loads where it can. */
export interface LoadIssue {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  message: string;
}

/** One heading and the text under it (down to the next heading of any depth). */
export interface Section {
  /** Stable key: `<pageId>#<anchor>`. */
  key: string;
  pageId: string;
  /** Heading text without numbering or `{#anchor}`; the page title for the lead section. */
  title: string;
  /** Heading titles from the page title down to this section, for context in answers. */
  trail: string[];
  anchor: string;
  depth: number;
  /** Absolute link to the section (page URL plus `#anchor`, no anchor for the lead section). */
  url: string;
  /** Plain text: markup, shortcodes, images and `{{% todo %}}` blocks removed. */
  text: string;
  line: number;
}

export interface Page {
  /** Path of the file relative to its knowledge folder, with `/` separators and without `.md`. */
  id: string;
  file: string;
  title: string;
  description: string;
  /** Absolute URL of the page (front matter `url`, or its path under the base URL). */
  url: string;
  draft: boolean;
  weight?: number;
  aliases: string[];
  tags: string[];
  /** Set when the page defines an entity (front matter `kind` + `id`). */
  entity?: { kind: EntityKind; id: string };
  /** Front matter `synonyms`: extra words that name the entity. */
  synonyms: string[];
  /** Front matter `sources`: the public documentation the facts come from. */
  sources: SourceLink[];
  /** Front matter `related`: ids of entities this page is about besides its own (e.g. a use case's usual technologies). */
  related: string[];
  /** Front matter `methods`: for a technology, the integration methods it serves (ids). */
  methods: string[];
  /** Front matter `unless`: words that stop the page's name from pointing at it ("excel" next to "vlookup"). */
  unless: string[];
  /** What an answer says about the entity: when to use it, steps, the docs page (front matter, see `Guide`). */
  guide: Guide;
  sections: Section[];
  /** Site-relative and page-relative links found in the body, for `check`. */
  links: { target: string; line: number }[];
  matrices: RawMatrix[];
}

/** A table whose cells are marks, as read from markdown before names are resolved to ids. */
export interface RawMatrix {
  file: string;
  line: number;
  columns: string[];
  rows: { label: string; line: number; cells: (Level | null)[] }[];
  /** Cells whose text was not a recognised mark. */
  unknownMarks: { row: string; column: string; text: string; line: number }[];
}

/** An entity with an id: a use case, method, technology, warning or topic. */
export interface Entity {
  kind: EntityKind;
  id: string;
  title: string;
  /** One or two sentences, from the page's `description` or its first paragraph. */
  summary: string;
  synonyms: string[];
  pageId: string;
  /** Sources that back the entity, best first. */
  sources: SourceLink[];
  related: string[];
  /** For a technology: the methods it belongs to (Kafka -> events). */
  methods: string[];
  /** Words that stop the entity's names from pointing at it. */
  unless: string[];
  guide: Guide;
}

/** A how-to of a technology: the phrases that name it in a question, its steps and the page with the detail. */
export interface Task {
  id: string;
  title: string;
  phrases: string[];
  steps: string[];
  docs?: SourceLink;
}

/**
 * The sentences an answer is composed from, written by content authors in a page's front matter.
 * Every field is optional; an answer falls back to the summary and the sources.
 */
export interface Guide {
  /** The Mendix documentation page with the details (docs.mendix.com first). */
  docs?: SourceLink;
  /** One sentence: when to pick it. */
  useWhen?: string;
  /** One sentence: when not, and what instead. */
  avoidWhen?: string;
  /** A few concrete steps in Mendix terms, for how-to questions. */
  steps: string[];
  tasks: Task[];
  /** Warnings: what to do instead, in one sentence. */
  instead?: string;
  /** Warnings: the ids of the technologies and topics that `instead` recommends (a question asking for one avoids the warning). */
  remedies: string[];
  /** Use cases: the one-sentence answer a colleague gives for this need. */
  verdict?: string;
  /** Use cases: what the answer leads with when the question names nothing more specific (`kind:id` refs, best first). */
  lead: { kind: EntityKind; id: string }[];
  /** Use cases: a full question that this use case answers well, offered when a question is too vague. */
  question?: string;
  /**
   * Use cases: the verdict and lead when no person takes part (one app's step completes and the next system
   * picks it up on its own), where the usual advice hands a user from screen to screen.
   */
  unattended?: { verdict: string; lead: { kind: EntityKind; id: string }[] };
  /**
   * Technologies: true for a carrier that others ride on (REST carries OAuth tokens, proxies, certificates): a
   * how-to naming it together with another technology asks about the other one.
   */
  carrier?: boolean;
}

/** One option's condition in a comparison: when it wins over the default, and the words that signal it. */
export interface ComparisonCondition {
  pick: { kind: EntityKind; id: string };
  when: string;
  words: string[];
  verdict: string;
}

/** A common "X or Y" question as data (`knowledge/comparisons.yml`): the default pick and when another wins. */
export interface Comparison {
  id: string;
  options: { kind: EntityKind; id: string }[];
  /** Extra phrasings that name an option, keyed by `kind:id`, besides the entity's own names. */
  names: Record<string, string[]>;
  default: { kind: EntityKind; id: string };
  verdict: string;
  reasons: string[];
  otherWins: ComparisonCondition[];
  /** True when the pick depends on a need the bare question does not state ("sync or async?"): ask back then. */
  dependsOnNeed?: boolean;
  /** When the default holds even if a condition for another option is also met ("daily refresh is fine"). */
  defaultWhen?: { when: string; words: string[] };
  source?: SourceLink;
  file: string;
  line?: number;
}

/** Names by entity kind and id: what `knowledge/names.yml` holds. */
export type NameTable = Partial<Record<EntityKind, Record<string, string[]>>>;

/** Phrasings that tell what kind of question a message is (`knowledge/intents.yml`). */
export interface IntentPhrases {
  /** Words that make up small talk: a message of only these words is chitchat. */
  chitchat: string[];
  /** Openings of small talk: a message that starts with one and asks nothing about integration is chitchat. */
  thanks: string[];
  /** Words joining two options: "or", "vs", "instead of". */
  compare: string[];
  howTo: string[];
  check: string[];
  /** Phrasings of topics the bot does not cover (theming, licensing, microflow speed). */
  outOfScope: string[];
  /** Phrasings that ask for options without saying the need ("real-time options?"). */
  vague: string[];
  /** Words that make a question about integration even when no rule names a need. */
  scope: string[];
  /** Words for things that integrate (app, system, ERP): two mentions make a question about integration. */
  systems: string[];
  /** The question to ask back when a question is too vague. */
  clarifyQuestion: string;
  /** Use cases offered when a vague question is close to none in particular (ids, most asked first). */
  clarifyOptions: string[];
  /** Words that mark a short message as a follow-up of the thread's earlier question ("and for mobile?"). */
  followUp: string[];
  /** Words that show a person takes part (a user, an agent, a screen): without them a use case's `unattended` advice applies. */
  people: string[];
  /** Phrases that say no person takes part ("machine to machine", "no user involved"): they win over `people`. */
  nobody: string[];
  /** Words that deny the technology named right after them ("won't build APIs"). */
  negations: string[];
  /** Two-word phrases that look like a negation but are not ("why not Kafka?"). */
  notNegations: string[];
}

/** The resolved matrix: use-case id -> method id -> level. */
export interface Matrix {
  methods: string[];
  useCases: string[];
  cells: Record<string, Record<string, Level>>;
  /** Where the matrix came from, so answers can link to it. */
  source: SourceLink;
}

/**
 * A rule of the matcher, as written in `knowledge/rules.yml`.
 * A rule fires when any of its `phrases` occurs in the question (word by word, typos tolerated), or when
 * every group of `all` has one word present. It then points at entities with a weight and says why.
 */
export interface Rule {
  id: string;
  phrases: string[];
  all: string[][];
  /** Words that stop the rule from firing (e.g. "not" contexts are not handled; this is a plain veto list). */
  unless: string[];
  points: { kind: EntityKind; id: string; weight: number }[];
  why: string;
  /** True when the rule's phrases stand for the name of what it points at ("notify users on their phones" names push notifications). */
  names?: boolean;
  file: string;
  line?: number;
}

/** An example question of a use case, from `examples/*.yml`: new questions are compared with these. */
export interface Example {
  text: string;
  useCase: string;
  file: string;
  line?: number;
}

export interface Corpus {
  pages: Page[];
  sections: Section[];
  entities: Entity[];
  rules: Rule[];
  examples: Example[];
  matrix: Matrix | null;
  comparisons: Comparison[];
  intents: IntentPhrases | null;
  /** Words of the trade the typo corrector never changes (`knowledge/vocabulary.yml`). */
  vocabulary: string[];
  /** Extra names design-review snippets use, by kind and id (`knowledge/names.yml`). */
  names: NameTable;
  issues: LoadIssue[];
}
