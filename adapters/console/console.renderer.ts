import { replaceUnsafe } from '../../src/views/unsafe-characters.ts';
import type { Block, View } from '../../src/views/view.types.ts';

/**
 * Replaces terminal control characters and bidirectional overrides in text that may come from users, so that
 * nobody can move the cursor, clear the screen, fake output with ANSI escapes or reorder what is read. Newlines and
 * tabs stay.
 */
export function escapeTerminal(text: string): string {
  return replaceUnsafe(text);
}

const MARK: Record<'done' | 'skipped' | 'current' | 'todo', string> = {
  done: '[x]',
  skipped: '[-]',
  current: '[>]',
  todo: '[ ]',
};
const TONE: Record<NonNullable<View['tone']>, string> = { info: '', success: '', warning: '! ', error: 'x ' };

/** A neutral view as readable text; every button prints the command that presses it. */
export function renderView(view: View): string {
  const prefix = view.tone ? TONE[view.tone] : '';
  const lines = view.blocks.flatMap(renderBlock);
  if (prefix && lines.length > 0) lines[0] = `${prefix}${lines[0]}`;
  return `${lines.join('\n')}\n`;
}

function renderBlock(block: Block): string[] {
  const e = escapeTerminal;
  switch (block.type) {
    case 'header':
      return [`== ${e(block.text)} ==`];
    case 'text':
    case 'markdown':
      return e(block.text).split('\n');
    case 'fields':
      return block.fields.flatMap(({ label, value }) => {
        const [first = '', ...more] = e(value).split('\n');
        return [`  ${e(label)}: ${first}`, ...more.map((line) => `    ${line}`)];
      });
    case 'checklist':
      return block.items.map((item) => `  ${MARK[item.state]} ${e(item.label)}`);
    case 'list':
      return block.items.length
        ? block.items.map((item) => `  ${item.time ? `${e(item.time)}  ` : ''}${e(item.text)}`)
        : ['  (nothing yet)'];
    case 'actions':
      return block.buttons.map(
        (button) =>
          `  [${e(button.label)}] -> ${e(button.command)}${button.confirm ? `   (asks: ${e(button.confirm)})` : ''}`,
      );
    case 'context':
      return [`  (${e(block.text)})`];
    case 'divider':
      return ['  ----'];
    case 'form':
      return [
        `  ${e(block.form.title)}: ${e(block.form.command)}`,
        ...block.form.fields.map(
          (field) => `    ${field.required ? '*' : ' '} ${e(field.label)}${field.hint ? ` (${e(field.hint)})` : ''}`,
        ),
      ];
  }
}
