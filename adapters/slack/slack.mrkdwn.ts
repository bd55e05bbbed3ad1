import { ELLIPSIS } from './slack.limits.ts';

/**
 * Escapes the three characters Slack gives meaning to, so user text can never
 * become `<!channel>`, a `<https://…|disguised link>` or a `<@U…>` mention.
 * Slack decodes these entities for display in every text object.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The reverse, for text Slack sends us (slash command text arrives escaped); `&amp;` last so `&amp;lt;` stays `&lt;`.
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Plain text escaped, and cut with a visible "…" when its escaped form would exceed `max`. */
export function fitEscaped(raw: string, max: number): string {
  const escaped = escapeMrkdwn(raw);
  if (escaped.length <= max) return escaped;
  return `${escapeMrkdwn(longestPrefix(raw, max - ELLIPSIS.length))}${ELLIPSIS}`;
}

/** The longest prefix of `raw`, whole code points, whose escaped form fits in `max`. */
function longestPrefix(raw: string, max: number): string {
  let length = 0;
  let end = 0;
  for (const char of raw) {
    length += escapeMrkdwn(char).length;
    if (length > max) break;
    end += char.length;
  }
  return raw.slice(0, end);
}

/**
 * Plain text escaped and split into pieces of at most `max` escaped
 * characters, at a line break or a space where one is near: nothing is lost.
 */
export function chunkEscaped(raw: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = raw;
  while (rest.length > 0) {
    if (escapeMrkdwn(rest).length <= max) {
      chunks.push(escapeMrkdwn(rest));
      break;
    }
    let piece = longestPrefix(rest, max);
    const breakAt = Math.max(piece.lastIndexOf('\n'), piece.lastIndexOf(' '));
    if (breakAt > piece.length / 2) piece = piece.slice(0, breakAt + 1);
    chunks.push(escapeMrkdwn(piece.trimEnd()) || escapeMrkdwn(piece));
    rest = rest.slice(piece.length);
  }
  return chunks.filter((chunk) => chunk.trim().length > 0);
}

/**
 * Trusted runbook Markdown (CommonMark) to Slack mrkdwn: headings and bold
 * become `*bold*`, italics `_it_`, `~~x~~` `~x~`, links `<url|text>`, list
 * bullets `•`, fenced code stays fenced (without the language). `&`, `<` and
 * `>` are escaped everywhere except a leading `>` quote marker.
 */
export function markdownToMrkdwn(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      out.push('```');
      continue;
    }
    out.push(fenced ? escapeMrkdwn(line) : convertLine(line));
  }
  if (fenced) out.push('```');
  return out.join('\n').trim();
}

function convertLine(line: string): string {
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  if (heading) return `*${convertInline(heading[1] ?? '').replace(/\*/g, '')}*`;
  const quote = /^(\s{0,3}>\s?)(.*)$/.exec(line);
  if (quote) return `>${convertInline(quote[2] ?? '')}`;
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
  if (bullet) return `${bullet[1] ?? ''}• ${convertInline(bullet[2] ?? '')}`;
  return convertInline(line);
}

const BOLD = '\u0000';

/**
 * CommonMark backslash escapes (`\[`, `\*`, ...: how the drafts write user text) stand for the character itself, never
 * for syntax: each is held out as a private-use placeholder while links and emphasis are rewritten, then put back as
 * plain escaped text. Slack has no escapes of its own, so `[Open](https://evil.example)` written by a user stays
 * those characters and never becomes a live `<url|label>`.
 */
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
const HELD = /\uE000(\d+)\uE001/g;

function holdEscapes(text: string, held: string[]): string {
  return text.replace(ESCAPED, (_whole, char: string) => `\uE000${held.push(char) - 1}\uE001`);
}

function restoreEscapes(text: string, held: readonly string[]): string {
  return text.replace(HELD, (_whole, index: string) => escapeMrkdwn(held[Number(index)] ?? ''));
}

/** Inline code spans are escaped only; the rest is escaped, then links and emphasis are rewritten. */
function convertInline(text: string): string {
  const held: string[] = [];
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? escapeMrkdwn(part)
        : restoreEscapes(convertPlain(holdEscapes(part.replace(/[\uE000\uE001]/g, ''), held)), held),
    )
    .join('');
}

function convertPlain(text: string): string {
  return escapeMrkdwn(text)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) =>
      /^(https?:\/\/|mailto:)[^|\s]+$/i.test(url) ? `<${url}|${label.replace(/\|/g, '/')}>` : whole,
    )
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_whole, a?: string, b?: string) => `${BOLD}${a ?? b ?? ''}${BOLD}`)
    .replace(/(^|[^\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)/g, '$1_$2_')
    .replace(/~~(.+?)~~/g, '~$1~')
    .replace(new RegExp(BOLD, 'g'), '*');
}

/**
 * Trusted mrkdwn split into pieces of at most `max` characters at line
 * breaks; a piece that ends inside a code fence closes it, the next reopens
 * it. A single line longer than `max` is cut with "…".
 */
export function chunkMrkdwn(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  let fenced = false;
  const flush = (): void => {
    if (current.length === 0) return;
    chunks.push([...current, ...(fenced ? ['```'] : [])].join('\n'));
    current = fenced ? ['```'] : [];
    size = fenced ? 4 : 0;
  };
  for (const raw of text.split('\n')) {
    const line = raw.length > max - 8 ? cutTrusted(raw, max - 8) : raw;
    if (size + line.length + 1 > max - 4) flush();
    current.push(line);
    size += line.length + 1;
    if (line.trim() === '```') fenced = !fenced;
  }
  fenced = false;
  flush();
  return chunks.filter((chunk) => chunk.replace(/```/g, '').trim().length > 0);
}

/** Cuts trusted mrkdwn without leaving half an `&amp;` entity behind. */
function cutTrusted(line: string, max: number): string {
  let cut = line.slice(0, max - ELLIPSIS.length);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  return `${cut}${ELLIPSIS}`;
}
