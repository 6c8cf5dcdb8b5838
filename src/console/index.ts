import readline from 'node:readline';
import { converse } from '../conversation';
import { parseCommandText, resolveRequest, type Outcome } from '../conversation/requests';
import type { Answer, Engine } from '../engine/types';
import { outlineAnswer } from '../render/outline';
import { renderAnswerDetailsText } from '../render/terminal';
import { consoleHelp, outcomeText } from './render';

/**
 * The local console: answers the way the Slack bot does when no Slack credentials are configured.
 *
 * Input rules (the same on a terminal and from a pipe):
 * - a line starting with `/integration` is the slash command (`/integration matrix`, `/integration tech odata`);
 * - any other line is a question, as if the bot were mentioned (`@integration-bot` in front is ignored), decided by
 *   the same conversation rules as in Slack: a follow-up ("and for mobile?") is read with the previous question, like
 *   a Slack thread, and small talk gets one line;
 * - after a clarify question, a number answers that option's question; `more` shows the details of the last answer;
 * - a snippet (lines starting with `|`, or `use case -> method` lines) runs until an empty line or the end of the
 *   input and is reviewed as one; `/integration review` alone on a line starts one too.
 * From a pipe (no TTY) each question is echoed as `> question` before its answer, and the console exits 0 at the
 * end of the input.
 */
export interface ConsoleOptions {
  engine: () => Engine;
  input: NodeJS.ReadableStream;
  out: (text: string) => void;
  err: (text: string) => void;
  /** A person at a terminal: show a prompt, no echo. */
  interactive: boolean;
  /** The slash command name as in Slack. */
  command?: string;
  /** Ends the console early (SIGINT/SIGTERM); the exit code is still 0. */
  signal?: AbortSignal;
}

/** The one line printed at start on how to connect to Slack. */
export const connectHint =
  'No Slack credentials found, so answering here. To connect to Slack set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); see .env.example.\n';

/** A line that starts (or continues) a pasted design matrix snippet. */
export function isSnippetLine(line: string): boolean {
  return /^\s*\|/.test(line) || /\S\s*(->|→|=>)\s*\S/.test(line);
}

/** Runs the console until the input ends (or `exit`); resolves to the exit code. */
export async function runConsole(options: ConsoleOptions): Promise<number> {
  const command = options.command ?? '/integration';
  const { out, interactive } = options;
  let previous: string | undefined;
  let last: Answer | undefined;
  let snippet: string[] | null = null;

  options.err(connectHint);
  if (interactive) out(consoleHelp());

  const show = (outcome: Outcome) => {
    out(outcomeText(outcome, options.engine().corpus) + '\n');
  };

  const ask = (text: string) => {
    const reply = converse(options.engine(), { text, place: 'console', addressed: true, ...(previous ? { previous } : {}) });
    switch (reply.kind) {
      case 'snippet':
        return show({ kind: 'review', review: reply.review });
      case 'chitchat':
        return show({ kind: 'chitchat', text: reply.text });
      case 'question':
      case 'follow-up':
        last = reply.answer;
        previous = reply.anchor;
        return show({ kind: 'answer', answer: reply.answer });
      default:
        return show({ kind: 'help' });
    }
  };

  /** A number after a clarify question picks that option; `more` shows the last answer's details. */
  const followUpCommand = (text: string): boolean => {
    if (!last) return false;
    if (/^(more|details)$/i.test(text)) {
      out(renderAnswerDetailsText(last) + '\n');
      return true;
    }
    const choice = /^(\d)[.)]?$/.exec(text);
    // Only the options the last answer showed can be picked.
    const shown = outlineAnswer(last).clarify;
    const option = choice && shown ? shown.options[Number(choice[1]) - 1] : undefined;
    if (!option) return false;
    if (!interactive) out(`> ${option.query}\n`);
    ask(option.query);
    return true;
  };

  const finishSnippet = () => {
    if (!snippet) return;
    const text = snippet.join('\n').trim();
    snippet = null;
    if (text === '') return;
    if (!interactive) out(`> (snippet, ${text.split('\n').length} line(s))\n`);
    show({ kind: 'review', review: options.engine().review(text) });
  };

  /** Handles one line; false ends the console. */
  const handle = (raw: string): boolean => {
    const line = raw.replace(/\r$/, '');
    if (snippet) {
      if (line.trim() === '') finishSnippet();
      else snippet.push(line);
      return true;
    }
    const text = line.trim();
    if (text === '') return true;
    if (interactive && /^(exit|quit|:q)$/i.test(text)) return false;
    if (text === command || text.startsWith(`${command} `)) {
      const rest = text.slice(command.length).trim();
      if (/^review$/i.test(rest)) {
        snippet = [];
        return true;
      }
      if (!interactive) out(`> ${text}\n`);
      const outcome = resolveRequest(options.engine(), parseCommandText(rest), { place: 'console' });
      if (outcome.kind === 'answer') last = outcome.answer;
      show(outcome);
      return true;
    }
    if (isSnippetLine(text)) {
      snippet = [line];
      return true;
    }
    const question = text.replace(/^@\S+\s*/, '');
    if (!interactive) out(`> ${question}\n`);
    if (followUpCommand(question)) return true;
    if (question === '') show({ kind: 'help' });
    else ask(question);
    return true;
  };

  const lines = readline.createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
  const stop = () => lines.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  if (interactive) out('> ');
  try {
    for await (const line of lines) {
      let keepGoing: boolean;
      try {
        keepGoing = handle(line);
      } catch (error) {
        options.err(`Could not answer that: ${error instanceof Error ? error.message : String(error)}\n`);
        keepGoing = true;
      }
      if (!keepGoing) break;
      if (interactive) out(snippet ? '… ' : '> ');
    }
    finishSnippet();
  } finally {
    options.signal?.removeEventListener('abort', stop);
    lines.close();
  }
  return 0;
}
