import fc from 'fast-check';
import nock from 'nock';

// Tests never reach the network; loopback stays open for the local Slack emulator and HTTP-mode tests.
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));

// Property-based tests run the same cases on every run; `npm run fuzz` style sweeps can override the seed.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261202) });
