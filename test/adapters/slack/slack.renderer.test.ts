import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../adapters/slack/slack.limits.ts';
import { renderBlock, renderView, type SlackMessage } from '../../../adapters/slack/slack.renderer.ts';
import type { Block, Button, View } from '../../../src/views/view.types.ts';
import { blockKitProblems, renderedTexts, unescapedMarkup } from './support/block-kit-checker.ts';

const HOSTILE = '<!channel> <https://evil.example|click> & <@U0VICTIM1>';
const view = (blocks: Block[], summary = 'A view'): View => ({ summary, blocks });
const json = (value: unknown) => JSON.stringify(value);
const button = (id: string, label = 'Press', extra: Partial<Button> = {}): Button => ({ id, label, command: '/ir status', ...extra });

/** Renders, and checks every message against Block Kit's limits, the schema and escaping. */
function render(v: View, options?: Parameters<typeof renderView>[1]): SlackMessage[] {
  const messages = renderView(v, options);
  for (const message of messages) {
    expect(blockKitProblems(message)).toEqual([]);
    if (!options?.note) expect(unescapedMarkup(message)).toEqual([]);
  }
  return messages;
}

describe('renderView: every block kind', () => {
  it('renders header, text, fields, checklist, list, actions, context and divider as Block Kit', () => {
    const [message] = render(
      view([
        { type: 'header', text: 'Incident ir-1' },
        { type: 'text', text: 'Plain words' },
        { type: 'fields', fields: [{ label: 'Severity', value: 'High' }, { label: 'Empty', value: '' }] },
        { type: 'checklist', items: [{ label: 'one', state: 'done' }, { label: 'two', state: 'skipped' }, { label: 'three', state: 'current' }, { label: 'four', state: 'todo' }] },
        { type: 'list', items: [{ time: '2026-11-29T09:00:00.000Z', text: 'declared' }, { text: 'untimed' }] },
        { type: 'actions', buttons: [button('cmd:status', 'Status', { style: 'primary' }), button('act:act-1:approve', 'Approve', { style: 'danger', confirm: 'Rotate key1?' })] },
        { type: 'context', text: 'code policy.x' },
        { type: 'divider' },
      ]),
    );
    expect(message?.text).toBe('A view');
    expect(message?.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'section', 'section', 'actions', 'context', 'divider']);
    expect(json(message?.blocks[2])).toContain('"text":"*Severity*\\nHigh"');
    expect(json(message?.blocks[3])).toBe(json({ type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: one\n:fast_forward: two\n:arrow_forward: *three*\n:white_circle: four', verbatim: true } }));
    expect(json(message?.blocks[4])).toContain('`2026-11-29T09:00:00.000Z` declared\\n• untimed');
    const [status, approve] = (message?.blocks[5] as unknown as { elements: Array<Record<string, unknown>> }).elements;
    expect(status).toEqual({ type: 'button', action_id: 'cmd:status', value: 'cmd:status', text: { type: 'plain_text', text: 'Status', emoji: true }, style: 'primary' });
    expect(approve).toMatchObject({ action_id: 'act:act-1:approve', value: 'act:act-1:approve', style: 'danger', confirm: { text: { type: 'plain_text', text: 'Rotate key1?' }, confirm: { text: 'Approve' }, deny: { text: 'Cancel' }, style: 'danger' } });
  });

  it('converts trusted Markdown to mrkdwn: bold, italics, links, lists, headings, code', () => {
    const markdown = ['## Contain', 'Run **az storage account keys renew** on _the_ *account* & check [the docs](https://learn.microsoft.com/azure).', '- first', '* second', '```bash', 'az storage account show -n <name>', '```', '> quoted `x<y`'].join('\n');
    const [block] = renderBlock({ type: 'markdown', text: markdown });
    expect((block as { text: { text: string; verbatim: boolean } }).text).toEqual({
      type: 'mrkdwn',
      verbatim: false,
      text: ['*Contain*', 'Run *az storage account keys renew* on _the_ _account_ &amp; check <https://learn.microsoft.com/azure|the docs>.', '• first', '• second', '```', 'az storage account show -n &lt;name&gt;', '```', '>quoted `x&lt;y`'].join('\n'),
    });
  });

  it('escapes user text in headers, text, fields, lists, checklists, context, labels, confirms and the fallback', () => {
    const messages = render(
      view(
        [
          { type: 'header', text: HOSTILE },
          { type: 'text', text: HOSTILE },
          { type: 'fields', fields: [{ label: HOSTILE, value: HOSTILE }] },
          { type: 'checklist', items: [{ label: HOSTILE, state: 'current' }] },
          { type: 'list', items: [{ time: HOSTILE, text: HOSTILE }] },
          { type: 'actions', buttons: [button('cmd:x', HOSTILE, { confirm: HOSTILE })] },
          { type: 'context', text: HOSTILE },
        ],
        HOSTILE,
      ),
    );
    const texts = messages.flatMap((message) => renderedTexts(message));
    expect(texts.length).toBeGreaterThanOrEqual(9);
    for (const text of texts) expect(text).not.toMatch(/<|&(?!amp;|lt;|gt;)/);
    expect(texts.join('\n')).toContain('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; &lt;@U0VICTIM1&gt;');
  });
});

describe('renderView: Slack limits', () => {
  it('splits a 5,000-character text into sections of at most 3,000 and loses nothing', () => {
    const text = `${'word '.repeat(999)}end&`;
    const blocks = renderBlock({ type: 'text', text });
    expect(blocks.length).toBe(2);
    const joined = blocks.map((block) => (block as { text: { text: string } }).text.text).join(' ');
    expect(joined.replace(/\s+/g, ' ')).toBe(text.trim().replace('&', '&amp;'));
    render(view([{ type: 'text', text }]));
  });

  it('cuts a long header, button label and field with a visible "…", never half an entity', () => {
    const [message] = render(view([{ type: 'header', text: '&'.repeat(200) }, { type: 'fields', fields: [{ label: 'Note', value: 'n'.repeat(2500) }] }, { type: 'actions', buttons: [button('cmd:x', 'L'.repeat(100))] }]));
    const header = (message?.blocks[0] as { text: { text: string } }).text.text;
    expect(header.length).toBeLessThanOrEqual(LIMITS.headerText);
    expect(header).toMatch(/^(&amp;)+…$/);
    expect(json(message?.blocks[1])).toContain('n…');
    expect(json(message?.blocks[2])).toContain(`${'L'.repeat(74)}…`);
  });

  it('puts more than 10 fields and more than 25 buttons into further sections and actions blocks', () => {
    const [message] = render(view([{ type: 'fields', fields: Array.from({ length: 23 }, (_, i) => ({ label: `f${i}`, value: String(i) })) }, { type: 'actions', buttons: Array.from({ length: 30 }, (_, i) => button(`cmd:b${i}`)) }]));
    expect(message?.blocks.map((block) => block.type)).toEqual(['section', 'section', 'section', 'actions', 'actions']);
  });

  it('sends more than 50 blocks as further messages, each with the summary as fallback', () => {
    const messages = render(view(Array.from({ length: 120 }, (_, i): Block => ({ type: 'text', text: `line ${i}` })), 'Long timeline'));
    expect(messages.map((message) => message.blocks.length)).toEqual([50, 50, 20]);
    expect(messages.map((message) => message.text)).toEqual(['Long timeline', 'Long timeline (continued, 2 of 3)', 'Long timeline (continued, 3 of 3)']);
  });

  it('groups a long list into sections of at most 3,000 characters, cutting a single oversized line', () => {
    const items = [{ time: 't', text: 'z'.repeat(5000) }, ...Array.from({ length: 200 }, (_, i) => ({ time: `2026-11-29T09:${String(i % 60).padStart(2, '0')}:00Z`, text: `event ${i} with some words` }))];
    const blocks = renderBlock({ type: 'list', items });
    expect(blocks.length).toBeGreaterThan(2);
    expect(json(blocks[0])).toContain('z…');
    render(view([{ type: 'list', items }]));
  });

  it('splits long trusted Markdown at line breaks and keeps code fences balanced', () => {
    const markdown = ['Intro', '```', ...Array.from({ length: 120 }, (_, i) => `command --number ${i} ${'a'.repeat(40)}`), '```', 'Outro'].join('\n');
    const blocks = renderBlock({ type: 'markdown', text: markdown });
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) expect(((block as { text: { text: string } }).text.text.match(/```/g) ?? []).length % 2).toBe(0);
    render(view([{ type: 'markdown', text: markdown }]));
  });

  it('drops buttons when not interactive, shows an unusable id as its command, and adds a trusted note', () => {
    const actions: Block = { type: 'actions', buttons: [button('cmd:status'), button('x'.repeat(300), 'Too long', { command: '/ir timeline' })] };
    const [quiet] = render(view([actions]), { interactive: false, note: 'War room: <#C00000001>' });
    expect(quiet?.blocks.map((block) => block.type)).toEqual(['context']);
    expect(json(quiet?.blocks)).toContain('War room: <#C00000001>');
    const [loud] = render(view([actions]));
    expect(loud?.blocks.map((block) => block.type)).toEqual(['actions', 'section']);
    expect(json(loud?.blocks[1])).toContain('Too long: run `/ir timeline`');
  });

  it('renders an empty view as its summary, and skips empty headers and context', () => {
    const [message] = render(view([{ type: 'header', text: ' ' }, { type: 'context', text: '' }], 'Nothing & more'));
    expect(message?.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Nothing &amp; more', verbatim: true } }]);
  });
});

describe('the Block Kit checker the Slack tests rely on', () => {
  it('catches what Slack would reject and markup that was not escaped', () => {
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'ok' } };
    expect(blockKitProblems({ text: 'x', blocks: Array.from({ length: 51 }, () => section) })).toContain('51 blocks (limit 50)');
    expect(blockKitProblems({ text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }).join()).toMatch(/header text has 151 characters/);
    expect(blockKitProblems({ text: 'x', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', value: 'b', text: { type: 'plain_text', text: 'B' } }] }] }).join()).toMatch(/not its opaque id/);
    expect(blockKitProblems({ blocks: [section] })).toContain('no text fallback');
    expect(unescapedMarkup({ text: 'hi <!channel>', blocks: [] })).toEqual(['hi <!channel>']);
    expect(unescapedMarkup({ text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a & b' } }] })).toEqual(['a & b']);
    expect(unescapedMarkup({ text: 'see <#C00000001> and <@U0ABC>', blocks: [] })).toEqual([]);
  });
});
