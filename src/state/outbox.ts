import os from 'node:os';
import type Redis from 'ioredis';
import type { Logger } from '../log';

/**
 * Replies owed to users that this instance hands over when it stops: what it was waiting to send (a 429's
 * `Retry-After`, a backoff) when SIGTERM came. On Redis they go to a stream that every instance reads through one
 * consumer group, so another instance delivers them and the stopping one exits within its grace period. In
 * process there is nobody to hand them to (`durable` is false) and the reply is abandoned, as before.
 *
 * Only replies with no request in flight are handed over, so a reply is never sent by both instances. A consumer
 * that dies after sending and before acknowledging leaves its entry to be claimed again after a minute: that one
 * case may send a reply twice.
 */
export type OwedReply =
  | { kind: 'api'; method: 'chat.postMessage' | 'chat.postEphemeral'; args: Record<string, unknown> }
  | { kind: 'respond'; url: string; body: Record<string, unknown> };

export interface Outbox {
  /** True when a reply put here is delivered by another instance. */
  readonly durable: boolean;
  /** Stores a reply for another instance; false when it could not be stored (then it is this instance's still). */
  put(reply: OwedReply): Promise<boolean>;
  /** Delivers replies that stopping instances left, until `stop`. */
  consume(deliver: (reply: OwedReply) => Promise<void>): { stop(): Promise<void> };
}

/** The in-process outbox: nobody else would read it. */
export const noOutbox: Outbox = Object.freeze({
  durable: false,
  put: async () => false,
  consume: () => ({ stop: async () => undefined }),
});

const group = 'deliverers';
const maxLen = 10_000;
const ttlMs = 24 * 60 * 60 * 1000;
/** An entry a consumer took but did not acknowledge within this is taken over by another. */
const reclaimAfterMs = 60_000;

/** The outbox as a Redis stream (`<prefix>outbox`) read through the consumer group `deliverers`. */
export function createRedisOutbox(redis: Redis, key: string, log: Logger, isUp: () => boolean): Outbox {
  const consumer = `${os.hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let groupReady = false;
  const ensureGroup = async (client: Redis) => {
    if (groupReady) return;
    try {
      await client.xgroup('CREATE', key, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
    await client.pexpire(key, ttlMs);
    groupReady = true;
  };

  return {
    durable: true,
    async put(reply) {
      if (!isUp()) return false;
      try {
        await ensureGroup(redis);
        await redis.xadd(key, 'MAXLEN', '~', maxLen, '*', 'r', JSON.stringify(reply));
        await redis.pexpire(key, ttlMs);
        return true;
      } catch (error) {
        log.warn('could not hand a reply over to another instance', { error });
        return false;
      }
    },
    consume(deliver) {
      // Blocking reads get their own connection, so they never hold up the store's other commands.
      const reader = redis.duplicate({ commandTimeout: 5000, enableOfflineQueue: false });
      reader.on('error', () => undefined);
      let running = true;
      const handle = async (entries: [string, string[]][]) => {
        for (const [id, fields] of entries) {
          const raw = fields[fields.indexOf('r') + 1];
          try {
            if (raw) await deliver(JSON.parse(raw) as OwedReply);
            log.info('delivered a reply another instance handed over', { id });
          } catch (error) {
            // Delivery failed for good (the SDK and bot.call retried): it stays failed; nobody else would do better.
            log.error('could not deliver a reply another instance handed over', { id, error });
          }
          await reader.xack(key, group, id);
          await reader.xdel(key, id);
        }
      };
      const loop = (async () => {
        while (running) {
          try {
            if (reader.status !== 'ready') {
              await new Promise((resolve) => setTimeout(resolve, 500));
              continue;
            }
            await ensureGroup(reader);
            const claimed = (await reader.xautoclaim(key, group, consumer, reclaimAfterMs, '0-0', 'COUNT', 10)) as [string, [string, string[]][]];
            await handle(claimed[1] ?? []);
            const read = (await reader.xreadgroup('GROUP', group, consumer, 'COUNT', 10, 'BLOCK', 1000, 'STREAMS', key, '>')) as [string, [string, string[]][]][] | null;
            if (read) for (const [, entries] of read) await handle(entries);
          } catch (error) {
            if (!running) break;
            groupReady = String((error as Error).message).includes('NOGROUP') ? false : groupReady;
            log.debug('outbox read failed; trying again', { error: (error as Error).message });
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      })();
      return {
        async stop() {
          running = false;
          reader.disconnect();
          await loop;
        },
      };
    },
  };
}
