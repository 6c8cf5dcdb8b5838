import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderHomeView } from '../../../render/slack';
import type { Bot } from '../../bot';

/** `app_home_opened`: publishes the Home tab (what the bot does, how to ask, the full matrix). */
export function appHomeOpened(bot: Bot) {
  return async ({ event, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      const view = renderHomeView(bot.engine().corpus, bot.command);
      await bot.call('views.publish', () => client.views.publish({ user_id: event.user, view }), { idempotent: true });
    } catch (error) {
      // Nobody to tell: the tab keeps its previous content, and the next open tries again.
      bot.log.error('publishing the App Home failed', { error });
    }
  };
}
