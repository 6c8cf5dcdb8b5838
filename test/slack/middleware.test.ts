import { deliveryKeys } from '../../src/slack/middleware';

describe('What makes two deliveries the same work', () => {
  test('an event is known by its event_id, and a message also by its channel and ts', () => {
    expect(deliveryKeys({ event_id: 'Ev1', event: { type: 'app_mention', channel: 'C1', ts: '1.2' } })).toEqual(['event:Ev1', 'msg:app_mention:C1:1.2']);
  });

  test('the app_mention and the message event of one message are different work (each listener decides)', () => {
    const mention = deliveryKeys({ event_id: 'Ev1', event: { type: 'app_mention', channel: 'C1', ts: '1.2' } });
    const message = deliveryKeys({ event_id: 'Ev2', event: { type: 'message', channel: 'C1', ts: '1.2' } });
    expect(mention.filter((k) => message.includes(k))).toEqual([]);
  });

  test('edits and other subtypes, and events without a message, are known by their event_id only', () => {
    expect(deliveryKeys({ event_id: 'Ev3', event: { type: 'message', subtype: 'message_changed', channel: 'C1', ts: '1.3' } })).toEqual(['event:Ev3']);
    expect(deliveryKeys({ event_id: 'Ev4', event: { type: 'app_home_opened', user: 'U1' } })).toEqual(['event:Ev4']);
  });

  test('a button click is known by its trigger_id and action; a slash command by nothing (the signature guards it)', () => {
    expect(deliveryKeys({ type: 'block_actions', trigger_id: '9.9', actions: [{ action_id: 'share_answer' }] })).toEqual(['action:9.9:share_answer']);
    expect(deliveryKeys({ command: '/integration', text: 'hi', trigger_id: '8.8' })).toEqual([]);
  });
});
