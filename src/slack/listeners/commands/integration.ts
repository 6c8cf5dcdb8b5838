import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { lowConfidence, parseCommandText, resolveRequest } from '../../../conversation/requests';
import { renderNotice, type SlackMessage } from '../../../render/slack';
import type { Bot } from '../../bot';
import { withApology } from '../../incoming';
import { outcomeMessage } from '../../outcome-message';
import { replyPrivately } from '../../private-reply';
import { rateLimitText } from '../../rate-limiter';

/**
 * `/integration [question | help | matrix [use case] | usecase <name> | tech <name> | review <snippet> |
 * channel mentions|all]`. Acknowledges first, with an empty body, before any work (Slack gives three seconds), then
 * answers with an ephemeral message through `response_url`, falling back to `chat.postEphemeral`.
 */
export function integrationCommand(bot: Bot) {
  return async ({ command, ack, respond, client }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();

    // response_url, else chat.postEphemeral, else a DM: the answer (or the apology) always has somewhere to go.
    const target = { respond, responseUrl: command.response_url, client, channel: command.channel_id, user: command.user_id };
    const reply = (message: SlackMessage) => replyPrivately(bot, target, message);

    await withApology(
      bot,
      'answering /integration',
      async () => {
        const decision = await bot.limiter.take(command.user_id, command.channel_id);
        if (!decision.ok) {
          bot.log.info('rate limited', { scope: decision.scope, surface: 'command' });
          await reply(renderNotice(rateLimitText(decision), ':hourglass_flowing_sand:'));
          return;
        }
        const engine = bot.engine();
        const outcome = resolveRequest(engine, parseCommandText(command.text ?? ''), { place: 'command' });
        if (outcome.kind === 'channel') {
          // Only people in the channel can run a command there; a DM has no channel mode.
          if (/^D/.test(command.channel_id)) {
            await reply(renderNotice('Channel modes apply to channels; in a DM I answer every message.'));
            return;
          }
          if (outcome.mode) {
            await bot.channels.set(command.channel_id, outcome.mode);
            bot.log.info('channel mode set', { mode: outcome.mode });
          } else if (outcome.asked === undefined) {
            const current = await bot.channels.get(command.channel_id);
            await reply(renderNotice(`This channel is set to "${current}". ${bot.command} channel mentions answers only mentions; ${bot.command} channel all answers every question here.`));
            return;
          }
        }
        await reply(outcomeMessage(outcome, engine.corpus, 'ephemeral', bot.command));
        if (outcome.kind === 'answer' && outcome.answer.confidence < lowConfidence) {
          await bot.store.append({ kind: 'low-confidence', question: outcome.answer.query, confidence: outcome.answer.confidence, surface: 'command' });
        }
      },
      (text) => replyPrivately(bot, target, { text }),
    );
  };
}
