import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Answer } from '../../../engine/types';
import { decodeButtonPayload, renderAnswerMessage, type ButtonPayload, type SlackMessage } from '../../../render/slack';
import type { Bot } from '../../bot';
import { replyPrivately as replyToUser } from '../../private-reply';

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
  const target = { respond, responseUrl: body.response_url, client, ...(body.channel?.id ? { channel: body.channel.id } : {}), user: body.user.id };
  await replyToUser(bot, target, message, { replace_original: false });
}

/** Answers `question` privately to the clicking user, as the slash command would. */
export async function answerEphemeral(bot: Bot, args: ButtonArgs, question: string): Promise<void> {
  const engine = bot.engine();
  await replyPrivately(bot, args, renderAnswerMessage(engine.answer(question), { surface: 'ephemeral', corpus: engine.corpus }));
}
