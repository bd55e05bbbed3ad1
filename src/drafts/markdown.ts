import { replaceUnsafe } from '../views/unsafe-characters.ts';

/**
 * Markdown helpers for the drafts. Every user-supplied string (titles, notes,
 * categories, names) goes through `escapeMarkdown` or `inline`, so that it
 * renders as the plain text it is: no heading, list, link, image, HTML or
 * table can be smuggled into a regulator notice.
 */

// `{` and `}` too: Teams evaluates `{{DATE(...)}}` in card text, and an escaped brace breaks the pair.
const ALWAYS = /[\\`*_[\]<>|~&{}]/g;
// Only at the start of a line: ATX headings, list markers, setext underlines and breaks, ordered-list numbers (`>` is
// always escaped).
const LINE_START = /^(?:#{1,6}(?=\s|$)|[-+](?=\s|$)|(?:=+|-+)(?=\s*$)|\d{1,9}(?=[.)](?:\s|$)))/;

function escapeLine(line: string): string {
  const escaped = line.replace(ALWAYS, (char) => `\\${char}`);
  // Leading spaces would make an indented code block; drop them.
  const trimmed = escaped.replace(/^[ \t]+/, '');
  return trimmed.replace(LINE_START, (lead) => (/^\d/.test(lead) ? `${lead}\\` : `\\${lead}`));
}

function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 32 && char !== '\n' && char !== '\r' && char !== '\t') || code === 127;
}

/**
 * Escapes text so that markdown shows it literally; line breaks are kept.
 * Control characters are removed.
 */
export function escapeMarkdown(text: string): string {
  return [...replaceUnsafe(text.replace(/\r\n|\r/g, '\n').replace(/\t/g, ' '))]
    .filter((char) => !isControl(char))
    .join('')
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map(escapeLine)
    .join('\n');
}

/** Escaped text on one line: any line break becomes a space (for titles, list items, table cells). */
export function inline(text: string): string {
  return escapeMarkdown(text.replace(/\s*(\r\n|\r|\n|\u2028|\u2029)\s*/g, ' ').trim());
}

/** The marker for everything the incident does not know: `[TO COMPLETE: what]`. `what` is trusted text. */
export function toComplete(what: string): string {
  return `[TO COMPLETE: ${what}]`;
}

/** The escaped value, or the marker when it is missing or blank. */
export function orComplete(value: string | number | undefined, what: string): string {
  if (value === undefined) return toComplete(what);
  const text = String(value);
  return text.trim() ? inline(text) : toComplete(what);
}

/** An ISO-8601 UTC timestamp: `2026-11-20T09:15:00Z`. */
export function utc(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * The opening every draft carries: a draft computed by the bot, not legal advice (with the generation time when given).
 */
export function draftHeader(title: string, incidentId: string, now?: Date): string {
  return [
    `> **DRAFT computed by Incident Commander. Not legal advice.** Generated${now ? ` ${utc(now)}` : ''} from ` +
      `incident ${inline(incidentId)}.`,
    '> Review every statement, replace every [TO COMPLETE: ...] marker, and send it yourself; nothing has been sent.',
    '',
    `# ${title}`,
  ].join('\n');
}

/** A bullet list of escaped items, or the marker when there are none. */
export function bullets(items: readonly string[], whenEmpty: string): string {
  return items.length ? items.map((item) => `- ${inline(item)}`).join('\n') : `- ${toComplete(whenEmpty)}`;
}

/** A fenced code block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function fenced(content: string, language = ''): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}

/** Sections joined by blank lines, ending with a newline. */
export function join(sections: ReadonlyArray<string | undefined | false>): string {
  return (
    sections.filter((section): section is string => typeof section === 'string' && section.length > 0).join('\n\n') +
    `\n`
  );
}
