import { stripBotMention } from '../../src/slack/incoming';

describe('Removing the bot mention', () => {
  test.each([
    ['<@UBOT> how do I expose data?', 'how do I expose data?'],
    ['hey <@UBOT|integration-bot>, what about REST', 'hey , what about REST'],
    ['<@UBOT>\n| a | b |\n| c | d |', '| a | b |\n| c | d |'],
    ['<@UOTHER> ask <@UBOT>', '<@UOTHER> ask'],
  ])('"%s"', (text, expected) => expect(stripBotMention(text, 'UBOT')).toBe(expected));
});
