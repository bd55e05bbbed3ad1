import type { types } from '@slack/bolt';
import type { Block, Button, View } from '../../src/views/view.types.ts';
import { renderForm } from './slack.form.ts';
import { ELLIPSIS, LIMITS } from './slack.limits.ts';
import { chunkEscaped, chunkMrkdwn, escapeMrkdwn, fitEscaped, markdownToMrkdwn } from './slack.mrkdwn.ts';

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type SlackButton = types.Button;

/** One Slack message: the notification fallback and the blocks. */
export interface SlackMessage {
  /** `view.summary`, escaped: what notifications and screen readers show. */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** False drops the buttons: they only work where the message's channel is the incident's war room. */
  interactive?: boolean;
  /** Trusted mrkdwn added as a last context line (e.g. the war room's `<#C…>` link). */
  note?: string;
}

const CHECK_ICONS: Record<'done' | 'skipped' | 'current' | 'todo', string> = {
  done: ':white_check_mark:',
  skipped: ':fast_forward:',
  current: ':arrow_forward:',
  todo: ':white_circle:',
};

/**
 * Renders a neutral view as Block Kit, within Slack's limits: oversized
 * blocks are split (text, fields, actions) or cut with a visible "…"
 * (headers, labels, single lines); more than 50 blocks become several
 * messages, a form never split between two. All strings are escaped except
 * `markdown` blocks (trusted).
 */
export function renderView(view: View, options: RenderOptions = {}): SlackMessage[] {
  const groups = view.blocks.map((block) => ({
    blocks: renderBlock(block, options.interactive !== false),
    whole: block.type === 'form',
  }));
  if (options.note)
    groups.push({ blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: options.note }] }], whole: false });
  if (groups.every((group) => group.blocks.length === 0))
    groups.push({ blocks: [section(fitEscaped(view.summary || ' ', LIMITS.sectionText))], whole: false });
  const pages = paginate(groups);
  return pages.map((page, index) => ({
    text: fitEscaped(
      pages.length > 1 && index > 0 ? `${view.summary} (continued, ${index + 1} of ${pages.length})` : view.summary,
      LIMITS.fallbackText,
    ),
    blocks: page,
  }));
}

/**
 * At most 50 blocks per message (Slack rejects more); a `whole` group (a form: its inputs and its button) starts a new
 * message rather than straddle two.
 */
function paginate(groups: ReadonlyArray<{ blocks: KnownBlock[]; whole: boolean }>): KnownBlock[][] {
  const pages: KnownBlock[][] = [[]];
  for (const group of groups) {
    if (group.whole && (pages.at(-1)?.length ?? 0) + group.blocks.length > LIMITS.blocksPerMessage) pages.push([]);
    for (const block of group.blocks) {
      if ((pages.at(-1)?.length ?? 0) >= LIMITS.blocksPerMessage) pages.push([]);
      pages.at(-1)?.push(block);
    }
  }
  return pages.filter((page) => page.length > 0);
}

/** One neutral block as zero or more Block Kit blocks. */
export function renderBlock(block: Block, interactive = true): KnownBlock[] {
  switch (block.type) {
    case 'header':
      return block.text.trim()
        ? [
            {
              type: 'header',
              text: { type: 'plain_text', text: fitEscaped(block.text, LIMITS.headerText), emoji: true },
            },
          ]
        : [];
    case 'text':
      return chunkEscaped(block.text, LIMITS.sectionText).map((chunk) => section(chunk));
    case 'markdown':
      return chunkMrkdwn(markdownToMrkdwn(block.text), LIMITS.sectionText).map((chunk) => section(chunk, false));
    case 'fields':
      return renderFields(block.fields);
    case 'checklist':
      return linesToSections(
        block.items.map(
          (item) =>
            `${CHECK_ICONS[item.state]} ` +
            `${item.state === 'current' ? `*${escapeMrkdwn(item.label)}*` : escapeMrkdwn(item.label)}`,
        ),
      );
    case 'list':
      return linesToSections(
        block.items.map((item) =>
          item.time ? `\`${escapeMrkdwn(item.time)}\` ${escapeMrkdwn(item.text)}` : `• ${escapeMrkdwn(item.text)}`,
        ),
      );
    case 'actions':
      return interactive ? renderActions(block.buttons) : [];
    case 'context':
      return block.text.trim()
        ? [
            {
              type: 'context',
              elements: [{ type: 'mrkdwn', text: fitEscaped(block.text, LIMITS.sectionText), verbatim: true }],
            },
          ]
        : [];
    case 'divider':
      return [{ type: 'divider' }];
    case 'form':
      return renderForm(block.form, interactive);
  }
}

/** `verbatim` keeps Slack from turning bare names and URLs in user text into mentions and links. */
function section(text: string, verbatim = true): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim } };
}

/** Ten fields per section, 2,000 characters each: a bold label over its value. */
function renderFields(fields: ReadonlyArray<{ label: string; value: string }>): KnownBlock[] {
  const rendered = fields.map(({ label, value }) => {
    const head = label.trim() ? `*${fitEscaped(label, 200)}*\n` : '';
    return {
      type: 'mrkdwn' as const,
      text: `${head}${fitEscaped(value.trim() ? value : '-', LIMITS.fieldText - head.length)}`,
      verbatim: true,
    };
  });
  const blocks: KnownBlock[] = [];
  for (let start = 0; start < rendered.length; start += LIMITS.fieldsPerSection) {
    blocks.push({ type: 'section', fields: rendered.slice(start, start + LIMITS.fieldsPerSection) });
  }
  return blocks;
}

/** Already-escaped lines grouped into sections of at most 3,000 characters; a longer line is cut with "…". */
function linesToSections(lines: string[]): KnownBlock[] {
  const groups: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.length > LIMITS.sectionText ? cutEscaped(raw, LIMITS.sectionText) : raw;
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      groups.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) groups.push(current);
  return groups.map((text) => section(text));
}

/** Cuts escaped text without splitting an entity. */
function cutEscaped(text: string, max: number): string {
  let cut = text.slice(0, max - ELLIPSIS.length);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  return `${cut}${ELLIPSIS}`;
}

/** Buttons, 25 per actions block; `action_id` and `value` are the opaque id and nothing else. */
function renderActions(buttons: readonly Button[]): KnownBlock[] {
  const usable = buttons.filter(
    (button, index) =>
      button.id.length > 0 &&
      button.id.length <= LIMITS.actionId &&
      buttons.findIndex((other) => other.id === button.id) === index,
  );
  const blocks: KnownBlock[] = [];
  for (let start = 0; start < usable.length; start += LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: usable.slice(start, start + LIMITS.actionsElements).map(renderButton) });
  }
  const unusable = buttons.filter((button) => button.id.length === 0 || button.id.length > LIMITS.actionId);
  if (unusable.length > 0)
    blocks.push(
      ...linesToSections(
        unusable.map((button) => `${escapeMrkdwn(button.label)}: run \`${escapeMrkdwn(button.command)}\``),
      ),
    );
  return blocks;
}

function renderButton(button: Button): SlackButton {
  const rendered: SlackButton = {
    type: 'button',
    action_id: button.id,
    value: button.id,
    text: { type: 'plain_text', text: fitEscaped(button.label || button.id, LIMITS.buttonText), emoji: true },
  };
  if (button.style) rendered.style = button.style;
  if (button.confirm) {
    rendered.confirm = {
      title: { type: 'plain_text', text: 'Are you sure?' },
      text: { type: 'plain_text', text: fitEscaped(button.confirm, LIMITS.confirmText) },
      confirm: { type: 'plain_text', text: fitEscaped(button.label || 'Confirm', LIMITS.confirmButton) },
      deny: { type: 'plain_text', text: 'Cancel' },
      ...(button.style === 'danger' ? { style: 'danger' as const } : {}),
    };
  }
  return rendered;
}
