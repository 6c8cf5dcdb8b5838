import type { App } from '@slack/bolt';
import type { OwedReply } from '../state';
import type { SlackCall } from './retry';

/**
 * Sends a reply that a stopping instance handed over (see `state/outbox.ts`), with this instance's client and the
 * same retries as any reply. A `response_url` answering other than 2xx fails with the shape Bolt's `respond` uses,
 * so `bot.call` retries it the same way.
 */
export function createOwedDelivery(app: App, call: SlackCall): (reply: OwedReply) => Promise<void> {
  return async (reply) => {
    if (reply.kind === 'api') {
      await call(reply.method, () => app.client.apiCall(reply.method, reply.args));
      return;
    }
    await call('respond', async () => {
      const response = await fetch(reply.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply.body) });
      await response.text();
      if (!response.ok) throw Object.assign(new Error(`response_url answered ${response.status}`), { code: 'slack_bolt_respond_error', statusCode: response.status });
    });
  };
}
