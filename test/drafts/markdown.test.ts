import { describe, expect, it } from 'vitest';
import { escapeMarkdown, fenced, inline } from '../../src/drafts/markdown.ts';

describe('escapeMarkdown: user text renders as the text it is', () => {
  it.each([
    ['[click](https://evil.example)', '\\[click\\](https://evil.example)'],
    ['![x](https://evil.example/p.png)', '!\\[x\\](https://evil.example/p.png)'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['*bold* _it_ `code` ~~s~~ a|b', '\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ a\\|b'],
    ['&lt;script&gt;', '\\&lt;script\\&gt;'],
    ['# Heading', '\\# Heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['> quote', '\\> quote'],
    ['1. first', '1\\. first'],
    ['2) second', '2\\) second'],
    ['back\\slash', 'back\\\\slash'],
    ['stprod01.blob.core.windows.net', 'stprod01.blob.core.windows.net'],
    ['203.0.113.7', '203.0.113.7'],
    ['+1 425 555 0100', '+1 425 555 0100'],
    ['---', '\\---'],
    ['#hashtag', '#hashtag'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('keeps line breaks but neutralises every line start, indented code and setext underlines', () => {
    expect(escapeMarkdown('title\n===\n    code\n## h')).toBe('title\n\\===\ncode\n\\## h');
  });

  it('replaces control characters and bidirectional overrides with U+FFFD, so something visibly was there', () => {
    expect(escapeMarkdown('a\u0000b\u001bc\u007f')).toBe('a\uFFFDb\uFFFDc\uFFFD');
    expect(escapeMarkdown('pay \u202Eevil\u202C now \u2066x\u2069')).toBe('pay \uFFFDevil\uFFFD now \uFFFDx\uFFFD');
  });

  it('escapes braces, so Teams never evaluates a {{DATE(...)}} function from user text', () => {
    expect(escapeMarkdown('{{DATE(2026-12-01T00:00:00Z, SHORT)}}')).not.toContain('{{');
  });

  it('inline puts everything on one line, so nothing can start a new block', () => {
    expect(inline('Leak\n# Not a heading\r\n- nor a list')).toBe('Leak # Not a heading - nor a list');
  });
});

describe('fenced code blocks', () => {
  it('use a fence longer than any backtick run inside, so content cannot close the block', () => {
    const block = fenced('{"title":"```\\n# injected"}', 'json');
    expect(block.startsWith('````json\n')).toBe(true);
    expect(block.endsWith('\n````')).toBe(true);
  });
});
