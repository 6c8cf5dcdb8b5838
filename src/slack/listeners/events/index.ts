import type { App } from '@slack/bolt';
import { createAssistant } from '../../assistant';
import type { Bot } from '../../bot';
import { appHomeOpened } from './app-home-opened';
import { appMention } from './app-mention';
import { message } from './message';

/**
 * Registers the Events API listeners, and the assistant panel (`assistant_thread_started`, and the messages of
 * assistant threads, which its middleware takes before the `message` listener sees them).
 */
export function register(app: App, bot: Bot): void {
  app.assistant(createAssistant(bot));
  app.event('app_mention', appMention(bot));
  app.message(message(bot));
  app.event('app_home_opened', appHomeOpened(bot));
}
