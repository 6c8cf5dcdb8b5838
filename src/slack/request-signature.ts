import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/**
 * How far a request timestamp may lie from now, in the past as in Bolt (`verifySlackRequest`) and Slack's
 * documentation, and in the future too, which Bolt does not check: a request signed "a year ahead" is refused.
 */
export const maxRequestAgeSeconds = 5 * 60;

export interface SignedRequest {
  /** The raw body, exactly as received. */
  body: string;
  /** `X-Slack-Signature`, e.g. `v0=5f2c…`. */
  signature: string | undefined;
  /** `X-Slack-Request-Timestamp`, in seconds. */
  timestamp: string | undefined;
}

/** Returns why a request fails the check, or `undefined` when it passes. */
export type SignatureCheck = (request: SignedRequest, nowMs: number) => string | undefined;

const hexSha256 = /^[0-9a-f]{64}$/;

/**
 * Builds the check of Slack's v0 request signature and timestamp, rule for rule as Bolt's `verifySlackRequest`
 * (same base string, same five-minute rule, lower-case hex), plus one rule Bolt lacks: a timestamp more than five
 * minutes in the future is refused as well, so a request cannot be signed ahead to outlive the replay window. Cheaper per request, which counts when a burst is verified in one event-loop turn: the key is
 * prepared once, and the comparison is one `timingSafeEqual` where Bolt's `tsscmp` computes two more HMACs and
 * draws random bytes.
 * @example const problem = createSignatureCheck(secret)({ body, signature, timestamp }, Date.now());
 */
export function createSignatureCheck(signingSecret: string): SignatureCheck {
  const key = createSecretKey(Buffer.from(signingSecret, 'utf8'));
  // The given signature is decoded into one reused buffer: checks run one at a time, and a burst allocates less.
  const given = Buffer.alloc(32);
  return (request, nowMs) => {
    if (request.signature === undefined || request.timestamp === undefined) return 'missing x-slack-signature or x-slack-request-timestamp';
    const timestamp = Number(request.timestamp);
    if (Number.isNaN(timestamp)) return 'x-slack-request-timestamp is not a number';
    const nowSeconds = Math.floor(nowMs / 1000);
    if (timestamp < nowSeconds - maxRequestAgeSeconds) return 'x-slack-request-timestamp is more than five minutes old';
    if (timestamp > nowSeconds + maxRequestAgeSeconds) return 'x-slack-request-timestamp is more than five minutes in the future';
    const [version, hash] = request.signature.split('=');
    if (version !== 'v0') return 'unknown signature version';
    if (hash === undefined || !hexSha256.test(hash)) return 'signature mismatch';
    // Bolt signs the timestamp as parsed ("0123" as "123"); the same here.
    const expected = createHmac('sha256', key).update(`v0:${timestamp}:${request.body}`).digest();
    given.write(hash, 'hex');
    return timingSafeEqual(given, expected) ? undefined : 'signature mismatch';
  };
}
