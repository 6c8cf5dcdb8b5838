import nock from 'nock';

// Tests never reach the network; loopback stays open for the local Slack emulator and HTTP-mode tests.
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
