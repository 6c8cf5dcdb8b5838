export { createSlackApp, eventsPath, type SlackBot, type SlackDeps } from './app';
