import type { App } from '@slack/bolt';
import type { Bot } from '../../bot';
import { integrationCommand } from './integration';

/** The slash command the bot answers; `manifest.yml` declares the same name. */
export const integrationCommandName = '/integration';

/** Registers the slash command listeners. */
export function register(app: App, bot: Bot): void {
  app.command(integrationCommandName, integrationCommand(bot));
}
