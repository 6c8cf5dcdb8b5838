import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../log';
import { acknowledgedOnArrival } from './ack-first-receiver';
import type { Dedupe } from './dedupe';
import type { InFlight } from './in-flight';

/**
 * Tracks every request's work for graceful shutdown; once shutdown started, new requests are acknowledged (so
 * Slack does not retry them into a stopping process) and dropped, with a word to the user for slash commands.
 * A request the HTTP receiver acknowledged on arrival is already tracked and accepted, so it is always handled.
 */
export function trackWork(inFlight: InFlight, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (args.context[acknowledgedOnArrival] === true) return args.next();
    if (inFlight.closing) {
      log.info('shutting down; request dropped');
      if ('command' in args && args.command) {
        await args.ack({ response_type: 'ephemeral', text: 'The integration bot is restarting. Please try again in a minute.' });
      } else if ('ack' in args && typeof args.ack === 'function' && !('event' in args && args.event)) {
        await (args.ack as () => Promise<void>)();
      }
      return;
    }
    await inFlight.run(() => args.next());
  };
}

/**
 * Handles each Events API delivery once: Slack retries a delivery it thinks failed (`X-Slack-Retry-Num`, Socket
 * Mode `retry_attempt`) with the same `event_id`. A first attempt that failed is forgotten so its retry runs.
 */
export function dedupeDeliveries(dedupe: Dedupe, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    if (dedupe.seen(eventId)) {
      log.info('retried delivery ignored', { eventId, retryNum: context.retryNum, retryReason: context.retryReason });
      return;
    }
    try {
      await next();
    } catch (error) {
      dedupe.forget(eventId);
      throw error;
    }
  };
}
