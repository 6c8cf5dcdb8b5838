/**
 * Slack renderers: pure functions from answers, reviews and the knowledge to Block Kit messages with a plain-text
 * fallback. `kit` holds the block types, limits and escaping; `buttons` the action ids and the button codec;
 * `answer` the default answer and its details; `review` design reviews; `home` the matrix, help and App Home.
 */
export * from './kit';
export * from './buttons';
export * from './answer';
export * from './review';
export * from './home';
