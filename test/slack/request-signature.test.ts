import { isValidSlackRequest } from '@slack/bolt';
import { createSignatureCheck, type SignedRequest } from '../../src/slack/request-signature';
import { sign } from '../fixtures/slack/payloads';

const secret = 'signature-test-secret-41ab';
const now = Date.UTC(2025, 0, 1, 12, 0, 0);
const nowSec = Math.floor(now / 1000);
const body = 'token=t&command=%2Fintegration&text=hello';
const check = createSignatureCheck(secret);

/** Bolt's verdict on the same request, through its exported helper. */
function boltAccepts(request: SignedRequest): boolean {
  return isValidSlackRequest({
    signingSecret: secret,
    body: request.body,
    headers: { 'x-slack-signature': request.signature as string, 'x-slack-request-timestamp': Number(request.timestamp) },
    nowMilliseconds: now,
  });
}

const valid = (timestamp = nowSec): SignedRequest => ({ body, timestamp: String(timestamp), signature: sign(secret, timestamp, body) });

const cases: [string, SignedRequest, boolean][] = [
  ['a request signed with the secret, just now', valid(), true],
  ['signed 4 minutes 59 seconds ago', valid(nowSec - 299), true],
  ['signed 5 minutes 1 second ago', valid(nowSec - 301), false],
  ['signed with another secret', { ...valid(), signature: sign('another-secret-123', nowSec, body) }, false],
  ['a body changed after signing', { ...valid(), body: body + '&x=1' }, false],
  ['the signature in upper-case hex', { ...valid(), signature: 'v0=' + valid().signature!.slice(3).toUpperCase() }, false],
  ['signature version v1', { ...valid(), signature: valid().signature!.replace(/^v0=/, 'v1=') }, false],
  ['a signature with trailing characters', { ...valid(), signature: valid().signature + 'ff' }, false],
  ['a signature cut short', { ...valid(), signature: valid().signature!.slice(0, -2) }, false],
  ['a signature without "="', { ...valid(), signature: 'v0' }, false],
  ['a timestamp that is not a number', { ...valid(), timestamp: 'soon' }, false],
  ['no signature header', { body, timestamp: String(nowSec), signature: undefined }, false],
];

describe('Clock games: a timestamp more than five minutes ahead is refused, which Bolt alone would accept', () => {
  test.each([
    ['4 minutes 59 seconds ahead', 299, true],
    ['5 minutes 1 second ahead', 301, false],
    ['6 minutes ahead', 360, false],
    ['a year ahead', 365 * 24 * 3600, false],
  ])('signed %s', (_name, ahead, accepted) => {
    const request = valid(nowSec + ahead);
    expect(check(request, now) === undefined).toBe(accepted);
    expect(boltAccepts(request)).toBe(true);
  });

  test('says why', () => {
    expect(check(valid(nowSec + 400), now)).toBe('x-slack-request-timestamp is more than five minutes in the future');
  });
});

describe('The request signature check accepts exactly what Bolt accepts (within five minutes of now)', () => {
  test.each(cases)('%s', (_name, request, accepted) => {
    expect(check(request, now) === undefined).toBe(accepted);
    expect(boltAccepts(request)).toBe(accepted);
  });

  test('a timestamp with a leading zero is signed as Bolt parses it', () => {
    const request = { body, timestamp: `0${nowSec}`, signature: sign(secret, nowSec, body) };
    expect(check(request, now)).toBeUndefined();
    expect(boltAccepts(request)).toBe(true);
  });

  test('says why a request fails', () => {
    expect(check(valid(nowSec - 600), now)).toMatch(/five minutes/);
    expect(check({ ...valid(), signature: sign('another-secret-123', nowSec, body) }, now)).toBe('signature mismatch');
  });
});
