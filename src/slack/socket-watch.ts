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

/**
 * Closes the Socket Mode connection and resolves once it is closed. Bolt's `SocketModeReceiver.stop()` only starts
 * the close handshake and returns, and `@slack/socket-mode` then keeps a 30 s handshake timer (ref'd) until the
 * peer's close frame arrives: a stopped bot whose peer goes away first (a test's fake Slack closed right after, a
 * network that drops) is kept alive for 30 s by a connection it no longer uses. A peer that does not answer the
 * close frame within `timeoutMs` is cut off, the way the library's own second `disconnect()` does.
 */
export async function disconnectSocketMode(receiver: SocketModeReceiver, timeoutMs: number): Promise<void> {
  const client = receiver.client;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), timeoutMs);
  });
  try {
    const cutOff = await Promise.race([client.disconnect().then(() => false), late]);
    // A second disconnect while the close frame is unanswered terminates the socket (and settles the first).
    if (cutOff) await client.disconnect();
  } finally {
    clearTimeout(timer);
  }
}
