import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Answer } from '../../../engine/types';
import { decodeButtonPayload, renderAnswerMessage, type ButtonPayload, type SlackMessage } from '../../../render/slack';
import type { Bot } from '../../bot';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * Re-creates the answer a button belongs to from the question it carries (buttons hold no server state, so a
 * restart or a knowledge reload never breaks them). `null` when the value is not one of ours.
 */
export function answerFromButton(bot: Bot, value: string | undefined): { payload: ButtonPayload; answer: Answer } | null {
  const payload = decodeButtonPayload(value);
  if (!payload) return null;
  return { payload, answer: bot.engine().answer(payload.q, payload.p ? { previous: payload.p } : {}) };
}

/** Replies to the clicking user only, without touching the message that holds the button. */
export async function replyPrivately(bot: Bot, args: ButtonArgs, message: SlackMessage): Promise<void> {
  const { body, client, respond } = args;
  try {
    await bot.call('respond', () => respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }));
  } catch (error) {
    if (!body.channel?.id) throw error;
    bot.log.warn('response_url failed; trying chat.postEphemeral', { error });
    await bot.call('chat.postEphemeral', () => client.chat.postEphemeral({ channel: body.channel!.id, user: body.user.id, text: message.text, blocks: message.blocks }));
  }
}

/** Answers `question` privately to the clicking user, as the slash command would. */
export async function answerEphemeral(bot: Bot, args: ButtonArgs, question: string): Promise<void> {
  const engine = bot.engine();
  await replyPrivately(bot, args, renderAnswerMessage(engine.answer(question), { surface: 'ephemeral', corpus: engine.corpus }));
}
