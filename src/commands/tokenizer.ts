import type { Result } from '../domain/errors.ts';

/** One word of input, with where it starts so that free text can be taken verbatim. */
export interface Token {
  text: string;
  start: number;
  /** Whether the word was quoted: a quoted `--x` is text, not a flag. */
  quoted: boolean;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '\u201c': '\u201d', '\u2018': '\u2019' };

/**
 * Splits on whitespace; "double", 'single' and the curly quotes that Slack and
 * Teams substitute group words. An unterminated quote is an error, not a guess.
 */
export function tokenize(input: string): Result<Token[], string> {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    while (index < input.length && /\s/.test(input[index] ?? '')) index++;
    if (index >= input.length) break;
    const start = index;
    const open = input[index] ?? '';
    const close = QUOTES[open];
    if (close) {
      const end = input.indexOf(close, index + 1);
      if (end === -1) return { ok: false, error: `the quote opened at character ${start + 1} is never closed` };
      tokens.push({ text: input.slice(index + 1, end), start, quoted: true });
      index = end + 1;
      continue;
    }
    while (index < input.length && !/\s/.test(input[index] ?? '')) index++;
    tokens.push({ text: input.slice(start, index), start, quoted: false });
  }
  return { ok: true, value: tokens };
}
