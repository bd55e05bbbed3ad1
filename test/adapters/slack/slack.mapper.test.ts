import { describe, expect, it } from 'vitest';
import { actorFromAction, actorFromCommand, cardKeyOf, commandText, inboundKey, mentionCommandText, slackUserOf, topicOf, warRoomName } from '../../../adapters/slack/slack.mapper.ts';
import { escapeMrkdwn, unescapeSlack } from '../../../adapters/slack/slack.mrkdwn.ts';

const incident = { id: 'ir-20261129-k7q2x9', title: 'Exfiltration from stprod01', declaredAt: '2026-11-29T09:00:00.000Z' };

describe('warRoomName', () => {
  it('is built from the date, the Sentinel number and a slug of the title', () => {
    expect(warRoomName(incident)).toBe('ir-20261129-exfiltration-from-stprod01');
    expect(warRoomName({ ...incident, sentinel: { number: '4711' } })).toBe('ir-20261129-sentinel-4711-exfiltration-from-stprod01');
    expect(warRoomName(incident, 3)).toBe('ir-20261129-exfiltration-from-stprod01-3');
  });

  it('keeps to Slack\'s alphabet and 80 characters, whatever the title', () => {
    const names = [
      warRoomName({ ...incident, title: 'Überfall auf "Prod" — <!channel> & Co.!!' }),
      warRoomName({ ...incident, title: 'x'.repeat(200) }, 12),
      warRoomName({ ...incident, title: '日本語だけ' }),
      warRoomName({ ...incident, title: 'a'.repeat(70), sentinel: { number: '1234567890' } }, 20),
    ];
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9_-]{1,80}$/);
      expect(name).not.toMatch(/--|-$/);
    }
    expect(names[0]).toBe('ir-20261129-uberfall-auf-prod-channel-co');
    expect(names[1]).toMatch(/-12$/);
    expect(names[2]).toBe('ir-20261129');
    expect(names[3]?.length).toBeLessThanOrEqual(80);
  });
});

describe('wire to neutral', () => {
  it('reads actors from slash commands and button payloads', () => {
    expect(actorFromCommand({ user_id: 'U1', user_name: 'dana' })).toEqual({ platform: 'slack', id: 'U1', name: 'dana' });
    expect(actorFromAction({ id: 'U2', username: 'lee' })).toEqual({ platform: 'slack', id: 'U2', name: 'lee' });
    expect(actorFromAction({ id: 'U3' })).toEqual({ platform: 'slack', id: 'U3', name: 'U3' });
  });

  it('turns Slack\'s escaped text back into what was typed, keeping mentions for the core', () => {
    expect(commandText(' note a &lt; b &amp;&amp; c &gt; d &amp;lt; ')).toBe('note a < b && c > d &lt;');
    expect(commandText('assign responder <@U024BE7LH|bob>')).toBe('assign responder <@U024BE7LH|bob>');
    expect(mentionCommandText('<@U0BOT0001> status')).toBe('status');
    expect(mentionCommandText('<@U0BOT0001|ic>  <@U0BOT0001> note x &amp; y')).toBe('note x & y');
    expect(unescapeSlack(escapeMrkdwn('<&>&amp;'))).toBe('<&>&amp;');
  });

  it('keys a delivery by trigger id, event id, or the payload itself', () => {
    expect(inboundKey({ trigger_id: '1.2.3', text: 'a' })).toBe('inbound:slack:trigger:1.2.3');
    expect(inboundKey({ event_id: 'Ev1' })).toBe('inbound:slack:event:Ev1');
    expect(inboundKey({ a: 1 })).toBe(inboundKey({ a: 1 }));
    expect(inboundKey({ a: 1 })).not.toBe(inboundKey({ a: 2 }));
  });

  it('resolves principals Slack can reach, and no others', () => {
    expect(slackUserOf('slack:U024BE7LH')).toEqual({ kind: 'id', id: 'U024BE7LH' });
    expect(slackUserOf('Legal@Example.com')).toEqual({ kind: 'email', email: 'legal@example.com' });
    expect(slackUserOf('teams:00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(slackUserOf('console:alice')).toBeUndefined();
    expect(slackUserOf('group:00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('writes an escaped topic within 250 characters', () => {
    const topic = topicOf({ id: 'ir-1', title: `<!here> ${'t'.repeat(300)}`, severity: 'High', status: 'declared' });
    expect(topic.length).toBeLessThanOrEqual(250);
    expect(topic).toMatch(/^High \| declared \| ir-1: &lt;!here&gt; t+…$/);
  });

  it('finds the step a card belongs to, and nothing in other views', () => {
    const card = { summary: 's', blocks: [{ type: 'actions' as const, buttons: [{ id: 'runbook:done:confirm-signal', label: 'Done', command: '/ir done' }] }] };
    expect(cardKeyOf(card)).toBe('step:confirm-signal');
    expect(cardKeyOf({ summary: 's', blocks: [{ type: 'actions', buttons: [{ id: 'cmd:status', label: 'Status', command: '/ir status' }] }] })).toBeUndefined();
  });
});
