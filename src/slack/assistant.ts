import { Assistant } from '@slack/bolt';
import { suggestedPrompts } from '../render/slack';
import type { Bot } from './bot';
import { answerIncoming, stripBotMention, withApology } from './incoming';

/** The first line of a new assistant thread. */
export const assistantWelcome = 'Ask me how a Mendix app should integrate with another system, or paste a design matrix to review.';

/**
 * The app's assistant panel (Slack's Agents & AI Apps surface, paid plans): a new thread gets a welcome line and
 * suggested prompts built from the knowledge; a message in the thread gets an "is looking this up…" status and the
 * same answer a DM gets. Workspaces without the feature never send `assistant_thread_started`, and their DM
 * threads are answered here like any DM (the status call fails quietly there).
 */
export function createAssistant(bot: Bot): Assistant {
  return new Assistant({
    threadStarted: async ({ say, setSuggestedPrompts }) => {
      try {
        await say(assistantWelcome);
        const prompts = suggestedPrompts(bot.engine().corpus);
        if (prompts.length > 0) await setSuggestedPrompts({ prompts, title: 'Try one of these' });
      } catch (error) {
        bot.log.warn('could not start the assistant thread', { error });
      }
    },
    // The answers do not depend on the channel the user is viewing, so the context is not stored (the default store
    // would read and rewrite thread history for it).
    threadContextChanged: async () => undefined,
    userMessage: async ({ message, client, context, setStatus }) => {
      if (message.subtype !== undefined || ('bot_id' in message && message.bot_id)) return;
      const threadTs = 'thread_ts' in message ? message.thread_ts : undefined;
      const text = stripBotMention(('text' in message ? message.text : undefined) ?? '', context.botUserId);
      await withApology(
        bot,
        'answering in the assistant panel',
        () => answerIncoming(bot, client, { channel: message.channel, ...(threadTs ? { threadTs } : {}), user: 'user' in message ? message.user : undefined, text, surface: 'dm', setStatus: (status) => setStatus(status) }),
        (apology) => client.chat.postMessage({ channel: message.channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: apology }),
      );
    },
  });
}
