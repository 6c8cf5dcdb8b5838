import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../log';
import { stateLimits, type ClaimResult, type Claims } from '../state';
import { acknowledgedOnArrival } from './ack-first-receiver';
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

/** How long delivery claims live and how long a repeated delivery waits for the one being answered. */
export interface DeliveryClaimOptions {
  /** A claim being worked on expires after this (a holder that died lets Slack's next retry answer). */
  busyTtlMs: number;
  /** A finished delivery is recognised for this long (Slack's last retry comes about an hour later). */
  doneTtlMs: number;
  /** How long a repeated delivery waits for the holder to finish or give up, before it is dropped. */
  waitMs: number;
  pollMs: number;
  /** True once this instance stops: a repeat stops waiting, so shutdown is not held up by another's work. */
  stopping: () => boolean;
}

export const deliveryClaimDefaults: Readonly<DeliveryClaimOptions> = Object.freeze({
  busyTtlMs: 2 * 60 * 1000,
  doneTtlMs: stateLimits.doneTtlMs,
  waitMs: 30_000,
  pollMs: 250,
  stopping: () => false,
});

/**
 * The claims that make a delivery's work happen once, on every instance that shares the state store: the
 * Events API `event_id` (Slack's retries, `X-Slack-Retry-Num` / `retry_attempt`), the message itself (channel +
 * `ts`, per event type, so the same message under two event ids is answered once; `app_mention` and `message`
 * events of one message are different work), and a button click (`trigger_id` + action, so Share posts once and
 * feedback counts once).
 * @example deliveryKeys({ event_id: 'Ev1', event: { type: 'app_mention', channel: 'C1', ts: '1.2' } }) // ['event:Ev1', 'msg:app_mention:C1:1.2']
 */
export function deliveryKeys(body: Record<string, unknown>): string[] {
  const keys: string[] = [];
  if (typeof body.event_id === 'string') keys.push(`event:${body.event_id}`);
  const event = body.event as { type?: unknown; subtype?: unknown; channel?: unknown; ts?: unknown } | undefined;
  if (event && (event.type === 'app_mention' || event.type === 'message') && event.subtype === undefined && typeof event.channel === 'string' && typeof event.ts === 'string') {
    keys.push(`msg:${event.type}:${event.channel}:${event.ts}`);
  }
  if (body.type === 'block_actions' && typeof body.trigger_id === 'string') {
    const action = (body.actions as { action_id?: unknown }[] | undefined)?.[0]?.action_id;
    keys.push(`action:${body.trigger_id}:${typeof action === 'string' ? action : ''}`);
  }
  return keys;
}

/** Claims `key`, waiting while another holder works on it; `busy` only when the wait ran out. */
async function claimWaiting(claims: Claims, key: string, o: DeliveryClaimOptions): Promise<ClaimResult> {
  const rounds = Math.max(1, Math.ceil(o.waitMs / o.pollMs));
  for (let round = 0; ; round++) {
    const result = await claims.claim(key, o.busyTtlMs);
    if (result !== 'busy' || round >= rounds || o.stopping()) return result;
    await new Promise((resolve) => setTimeout(resolve, o.pollMs));
  }
}

/**
 * Handles each delivery once across instances (see `deliveryKeys`): claims its keys before the listeners run,
 * marks them done after, and releases them when the listeners failed so Slack's retry runs. A repeat that
 * arrives while the first delivery is being answered waits for it instead of answering again.
 */
export function claimDeliveries(claims: Claims, log: Logger, options: Partial<DeliveryClaimOptions> = {}): Middleware<AnyMiddlewareArgs> {
  const o = { ...deliveryClaimDefaults, ...options };
  return async (args) => {
    const { body, context, next } = args;
    const keys = deliveryKeys(body as Record<string, unknown>);
    if (keys.length === 0) return next();
    const held: string[] = [];
    for (const key of keys) {
      const result = await claimWaiting(claims, key, o);
      if (result === 'claimed') {
        held.push(key);
        continue;
      }
      // Done under another key (the same message under a new event id): this delivery is done too. Still busy
      // after the wait: leave it to its holder, and let a later retry try again.
      await Promise.all(held.map((k) => (result === 'done' ? claims.finish(k, o.doneTtlMs) : claims.release(k))));
      const eventId = (body as { event_id?: unknown }).event_id;
      log.info('repeated delivery ignored', {
        key: key.replace(/:.*$/, ''),
        state: result,
        ...(typeof eventId === 'string' ? { eventId } : {}),
        retryNum: context.retryNum,
        retryReason: context.retryReason,
      });
      if ('ack' in args && typeof args.ack === 'function' && !('event' in args && args.event)) await (args.ack as () => Promise<void>)();
      return;
    }
    try {
      await next();
    } catch (error) {
      await Promise.all(held.map((k) => claims.release(k)));
      throw error;
    }
    await Promise.all(held.map((k) => claims.finish(k, o.doneTtlMs)));
  };
}
