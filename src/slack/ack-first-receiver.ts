import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ListenOptions } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions, ReceiverInconsistentStateError, type App, type CustomRoute, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../log';
import { createSignatureCheck } from './request-signature';

/**
 * The context key the receiver sets on every request it acknowledged on arrival: that request is accepted work
 * (already counted by `track`) and must be handled even if shutdown starts before Bolt gets to it.
 */
export const acknowledgedOnArrival = 'acknowledgedOnArrival';

export interface AckFirstReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** The path Slack posts events, commands and interactions to. */
  path?: string;
  /** Largest request body read, in bytes; a larger one is answered 413. Slack's payloads are a few KB. */
  bodyLimit?: number;
  /** Other routes (exact paths), such as the health check. */
  routes?: CustomRoute[];
  /**
   * True once shutdown started. A request that arrives then is handed to Bolt at once and answered with what the
   * app passes to `ack()` (the restart notice), because there is no answer work left to wait for.
   */
  draining?: () => boolean;
  /** Wraps the work of each request acknowledged on arrival, from its arrival until Bolt is done with it. */
  track?: (work: () => Promise<void>) => Promise<void>;
  /**
   * How long acknowledged requests may wait for Bolt while new requests keep arriving. Until then a turn that
   * read new requests hands none to Bolt, so a burst is acknowledged before answer work (and the answers' own
   * HTTP traffic) competes with it; after it, one request per turn goes to Bolt whatever arrives.
   */
  maxDeferMs?: number;
  /** Clock for the five-minute timestamp check. */
  now?: () => number;
  /**
   * False when this signature was seen before: a replayed request (same body, timestamp and signature) is
   * acknowledged like any other but not handed to Bolt. Shared across instances through the state store.
   */
  firstSeen?: (signature: string) => Promise<boolean>;
}

/** A Bolt receiver that also says how many acknowledged requests still wait for their turn. */
export interface AckFirstReceiver extends Receiver {
  readonly queued: number;
  start(listen?: number | ListenOptions): Promise<Server>;
  stop(): Promise<void>;
}

const defaults = Object.freeze({ path: '/slack/events', bodyLimit: 1024 * 1024, maxDeferMs: 100 });

/**
 * An HTTP-mode receiver that acknowledges a verified request (an empty 200) before Bolt sees it, then hands the
 * requests to Bolt one per event-loop turn. Bolt's `HTTPReceiver` sends the acknowledgement only when a listener
 * calls `ack()`, and the listener's answer work then runs before later requests are read, so in a burst the last
 * acknowledgements wait for all the earlier answers; here answer work only ever delays the next turn.
 * The signature and timestamp are checked rule for rule as Bolt does (see `createSignatureCheck`).
 * @example const receiver = createAckFirstReceiver({ signingSecret, log }); new App({ token, receiver });
 */
export function createAckFirstReceiver(options: AckFirstReceiverOptions): AckFirstReceiver {
  const { log, path, bodyLimit, maxDeferMs } = { ...defaults, ...options };
  const routes = options.routes ?? [];
  const draining = options.draining ?? (() => false);
  const track = options.track ?? ((work) => work());
  const now = options.now ?? Date.now;
  const checkSignature = createSignatureCheck(options.signingSecret);
  const firstSeen = options.firstSeen ?? (async () => true);
  let app: App | undefined;
  let server: Server | undefined;

  // Acknowledged requests waiting for Bolt, oldest first. Between two turns the poll phase reads, verifies and
  // acknowledges whatever arrived meanwhile.
  const queue: { dispatch: () => void; at: number }[] = [];
  let turnScheduled = false;
  let arrivedSinceTurn = false;
  const scheduleTurn = () => {
    if (turnScheduled || queue.length === 0) return;
    turnScheduled = true;
    setImmediate(runTurn);
  };
  const runTurn = () => {
    turnScheduled = false;
    const deferring = arrivedSinceTurn && performance.now() - queue[0].at < maxDeferMs;
    arrivedSinceTurn = false;
    const next = deferring ? undefined : queue.shift();
    scheduleTurn();
    next?.dispatch();
  };

  const processEvent = async (event: ReceiverEvent): Promise<void> => {
    if (!app) throw new ReceiverInconsistentStateError('The receiver got a request before App#init() gave it the app.');
    await app.processEvent(event);
  };

  /**
   * Acknowledges now and queues the request; its body is parsed in its turn, off the acknowledgement path.
   * `ack()` in a listener is then a no-op.
   */
  const acknowledgeFirst = (res: ServerResponse, text: string, form: boolean, retry: Pick<ReceiverEvent, 'retryNum' | 'retryReason'>, signature: string) => {
    HTTPModuleFunctions.buildNoBodyResponse(res, 200);
    void track(
      () =>
        new Promise<void>((done) => {
          const dispatch = () => {
            const parsed = parseBody(text, form);
            if ('reason' in parsed) {
              // Signed by Slack yet unreadable: nothing to answer, and the 200 is already sent.
              log.error('a verified Slack request has a malformed body; dropped', { reason: parsed.reason });
              return done();
            }
            firstSeen(signature)
              .catch((error: unknown) => {
                // The replay check is a guard, not a gate: when the store fails the request is still answered.
                log.warn('could not check the request for a replay', { error });
                return true;
              })
              .then((first) => {
                if (first) return processEvent({ body: parsed.body, ...retry, ack: acknowledged, customProperties: { [acknowledgedOnArrival]: true } });
                log.info('replayed request ignored (same signature seen before)');
              })
              .catch((error: unknown) => log.error('Bolt failed to process a request', { error }))
              .finally(done);
          };
          queue.push({ dispatch, at: performance.now() });
          arrivedSinceTurn = true;
          scheduleTurn();
        }),
    );
  };
  const acknowledged = async (response?: unknown) => {
    // Only the shutdown notice answers through ack(), and it takes the draining path; anything else is a bug.
    if (response !== undefined && response !== '') log.warn('ack() with a body after the request was acknowledged; the body is lost (use respond())');
  };

  /** Bolt's own semantics: the response is what the app passes to `ack()`, or an empty 200 if it never does. */
  const acknowledgeWithApp = async (res: ServerResponse, event: Omit<ReceiverEvent, 'ack'>) => {
    const ack = async (response?: unknown) => {
      if (!res.headersSent) HTTPModuleFunctions.buildContentResponse(res, response);
    };
    try {
      await processEvent({ ...event, ack });
    } catch (error) {
      log.error('Bolt failed to process a request', { error });
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
      return;
    }
    if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 200);
  };

  const refuse = (res: ServerResponse, status: 400 | 401 | 413, reason: string) => {
    log.warn('Slack request refused', { status, reason });
    // An oversized body is not read to the end; closing the connection keeps the rest of it out.
    if (status === 413) res.setHeader('connection', 'close');
    HTTPModuleFunctions.buildNoBodyResponse(res, status);
  };

  const receive = (req: IncomingMessage, res: ServerResponse, text: string) => {
    const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    // Slack's SSL check carries no signature (Bolt answers it unverified); nothing else in it reaches the app.
    if (form && text.includes('ssl_check') && parseQuery(text).ssl_check === '1') return HTTPModuleFunctions.buildSSLCheckResponse(res);
    const signature = header(req, 'x-slack-signature');
    const problem = checkSignature({ body: text, signature, timestamp: header(req, 'x-slack-request-timestamp') }, now());
    if (problem) return refuse(res, 401, problem);
    const retry = {
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    // Every Events API delivery and interaction is acknowledged unparsed; the URL check needs its answer now.
    const answerNow = draining() || (!form && text.includes('url_verification'));
    if (!answerNow) return acknowledgeFirst(res, text, form, retry, signature!);
    const parsed = parseBody(text, form);
    if ('reason' in parsed) return refuse(res, 400, parsed.reason);
    if (parsed.body.type === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, parsed.body);
    if (parsed.body.type === 'event_callback') {
      // Shutting down: an event refused now is retried by Slack (to another instance, or to this one restarted),
      // where an event acknowledged and dropped would be lost. Commands and clicks are not retried by Slack, so
      // they get the restart notice instead (below).
      log.info('shutting down; event refused so that Slack retries it');
      return HTTPModuleFunctions.buildNoBodyResponse(res, 503);
    }
    acknowledgeWithApp(res, { body: parsed.body, ...retry }).catch((error: unknown) => log.error('answering a request during shutdown failed', { error }));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query === -1 ? url : url.slice(0, query);
    const method = (req.method ?? 'GET').toUpperCase();
    if (pathname === path && method === 'POST') {
      readBody(req, bodyLimit, (raw) => {
        if (raw === 'too-large') return refuse(res, 413, `body larger than ${bodyLimit} bytes`);
        // A client that went away mid-body gets no answer: there is nobody left to send one to.
        if (raw instanceof Error) return log.info('a request body was cut off', { error: raw });
        try {
          receive(req, res, raw.toString('utf8'));
        } catch (error) {
          log.error('a request to the events path failed', { error });
          if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
        }
      });
      return;
    }
    const route = routes.find((r) => r.path === pathname && [r.method].flat().some((m) => m.toUpperCase() === method));
    if (route) return route.handler(Object.assign(req, { params: {} }), res);
    HTTPModuleFunctions.buildNoBodyResponse(res, 404);
  };

  return {
    get queued() {
      return queue.length;
    },
    init(boltApp: App) {
      app = boltApp;
    },
    start(listen: number | ListenOptions = 3000) {
      if (server) return Promise.reject(new ReceiverInconsistentStateError('The receiver cannot be started because it was already started.'));
      const starting = createServer(handle);
      server = starting;
      return new Promise<Server>((resolve, reject) => {
        starting.once('error', (error) => {
          server = undefined;
          reject(error);
        });
        starting.listen(listen, () => resolve(starting));
      });
    },
    stop() {
      const stopping = server;
      if (!stopping) return Promise.reject(new ReceiverInconsistentStateError('The receiver cannot be stopped because it was not started.'));
      server = undefined;
      // close() refuses new connections at once and calls back when the open ones end; requests already
      // acknowledged keep going through the queue (and `track` lets shutdown wait for them).
      return new Promise<void>((resolve, reject) => stopping.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Bolt's reading of a body: JSON, form fields, or (interactions) one form field `payload` holding JSON. */
function parseBody(text: string, form: boolean): { body: Record<string, unknown> } | { reason: string } {
  let body: unknown;
  try {
    const fields = form ? parseQuery(text) : undefined;
    body = !fields ? JSON.parse(text) : typeof fields.payload === 'string' ? JSON.parse(fields.payload) : fields;
  } catch (error) {
    return { reason: `malformed body: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { reason: 'malformed body: not an object' };
  return { body: body as Record<string, unknown> };
}

/**
 * Reads the whole body and calls back once: with the bytes, with `'too-large'` as soon as the body is known to be
 * larger than `limit` (what follows is discarded, not buffered), or with the stream's error.
 */
function readBody(req: IncomingMessage, limit: number, done: (raw: Buffer | 'too-large' | Error) => void): void {
  let finished = false;
  const finish = (raw: Buffer | 'too-large' | Error) => {
    if (finished) return;
    finished = true;
    done(raw);
  };
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return finish('too-large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) return void chunks.push(chunk);
    req.off('data', onData);
    req.resume();
    finish('too-large');
  };
  req.on('data', onData);
  req.once('end', () => finish(Buffer.concat(chunks, size)));
  req.once('error', finish);
}
