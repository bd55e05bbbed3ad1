import { Ajv2020 } from 'ajv/dist/2020.js';
import { fixture } from './slack-requests.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
/** The community Block Kit schema (copied into test/fixtures/slack): documented limits as maxLength / maxItems. */
const validateBlocks = ajv.compile(JSON.parse(fixture('block-kit.schema.json')) as object);

type Json = Record<string, unknown>;
const textOf = (value: unknown): string | undefined => (value && typeof value === 'object' && typeof (value as Json).text === 'string' ? ((value as Json).text as string) : undefined);

/** Every limit the renderer promises, checked on one message as Slack received it. Empty when the message is fine. */
export function blockKitProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof message.text !== 'string' || message.text.length === 0) problems.push('no text fallback');
  if (!Array.isArray(message.blocks)) return [...problems, 'no blocks array'];
  const blocks = message.blocks as Json[];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (limit 50)`);
  blocks.forEach((block, index) => problems.push(...blockProblems(block).map((problem) => `block ${index} (${String(block.type)}): ${problem}`)));
  if (!validateBlocks(blocks)) problems.push(...(validateBlocks.errors ?? []).slice(0, 5).map((error) => `schema: ${error.instancePath} ${error.message ?? ''}`));
  return problems;
}

function blockProblems(block: Json): string[] {
  const problems: string[] = [];
  const over = (what: string, text: string | undefined, max: number, min = 1) => {
    if (text === undefined) problems.push(`${what} missing`);
    else if (text.length > max || text.length < min) problems.push(`${what} has ${text.length} characters (${min}-${max})`);
  };
  if (block.type === 'header') over('header text', textOf(block.text), 150);
  if (block.type === 'section') {
    if (block.text) over('section text', textOf(block.text), 3000);
    const fields = (block.fields ?? []) as Json[];
    if (fields.length > 10) problems.push(`${fields.length} fields (limit 10)`);
    fields.forEach((field) => over('field', textOf(field), 2000));
  }
  if (block.type === 'context') {
    const elements = (block.elements ?? []) as Json[];
    if (elements.length > 10) problems.push(`${elements.length} context elements (limit 10)`);
    elements.forEach((element) => over('context text', textOf(element), 3000));
  }
  if (block.type === 'actions') {
    const elements = (block.elements ?? []) as Json[];
    if (elements.length > 25) problems.push(`${elements.length} elements (limit 25)`);
    for (const button of elements) {
      over('button label', textOf(button.text), 75);
      over('button value', typeof button.value === 'string' ? button.value : undefined, 2000);
      over('action_id', typeof button.action_id === 'string' ? button.action_id : undefined, 255);
      if (button.value !== button.action_id) problems.push(`button value ${String(button.value)} is not its opaque id ${String(button.action_id)}`);
      const confirm = button.confirm as Json | undefined;
      if (confirm) {
        over('confirm title', textOf(confirm.title), 100);
        over('confirm text', textOf(confirm.text), 300);
        over('confirm button', textOf(confirm.confirm), 30);
        over('deny button', textOf(confirm.deny), 30);
      }
    }
  }
  return problems;
}

/** Every string Slack would render from a message: the fallback and each text object, at any depth. */
export function renderedTexts(message: { text?: unknown; blocks?: unknown }): string[] {
  const texts: string[] = typeof message.text === 'string' ? [message.text] : [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const object = value as Json;
      if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string') texts.push(object.text);
      Object.values(object).forEach(walk);
    }
  };
  walk(message.blocks);
  return texts;
}

/**
 * Markup that did not come from the renderer's own references: any `<` that
 * does not open a `<#C…>` channel or `<@U…>` user reference, and any `&` that
 * is not one of the three entities. User text escaped everywhere leaves none.
 */
export function unescapedMarkup(message: { text?: unknown; blocks?: unknown }): string[] {
  return renderedTexts(message).filter((text) => /<(?!#C[A-Z0-9]+>|@[UW][A-Z0-9]+>)/.test(text) || /&(?!amp;|lt;|gt;)/.test(text));
}
