import type { App } from '@slack/bolt';
import type { Bot } from '../../bot';
import { appHomeOpened } from './app-home-opened';
import { appMention } from './app-mention';
import { message } from './message';

/** Registers the Events API listeners. */
export function register(app: App, bot: Bot): void {
  app.event('app_mention', appMention(bot));
  app.message(message(bot));
  app.event('app_home_opened', appHomeOpened(bot));
}
