import type { SocketModeReceiver } from '@slack/bolt';

/**
 * Reports a Socket Mode connection that is gone for good. When Slack closes the socket, `@slack/socket-mode`
 * reconnects by calling its client's `start()` from a timer and drops that promise: a revoked app token
 * (`apps.connections.open` answering `invalid_auth`) then ends as an unhandled rejection, nothing holds the event
 * loop any more, and the process exits 0 as if it had stopped cleanly. Wrapping the instance's `start` (the
 * method the reconnect timer looks up) turns that failure into `onFatal`, so `serve` can exit non-zero. The
 * first start is left alone: its failure already reaches `app.start()`.
 */
export function watchSocketMode(receiver: SocketModeReceiver, onFatal: (error: unknown) => void): void {
  const client = receiver.client;
  const start = client.start.bind(client);
  let connectedOnce = false;
  client.start = async () => {
    try {
      const result = await start();
      connectedOnce = true;
      return result;
    } catch (error) {
      if (!connectedOnce) throw error;
      onFatal(error);
      return undefined as never;
    }
  };
}
