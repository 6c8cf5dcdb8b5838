import fc from 'fast-check';
import nock from 'nock';

// Tests never reach the network; loopback stays open for the local Slack emulator and HTTP-mode tests.
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));

// Property-based tests run the same cases on every run; `npm run fuzz` style sweeps can override the seed.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261202) });

// nock patches Node's shared http module each time a test file loads it; undo that when the file is done, so the
// next file's copy does not find the previous one's soft-deleted globals.
afterAll(() => nock.restore());
