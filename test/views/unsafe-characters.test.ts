import { describe, expect, it } from 'vitest';
import { renderView } from '../../adapters/console/console.renderer.ts';
import { exportIncident, exportMarkdown } from '../../src/app/evidence.ts';
import { replaceUnsafe } from '../../src/views/unsafe-characters.ts';
import { person, serviceHarness } from '../support/service-harness.ts';

const HOSTILE = 'ok\u001b[2J\u001b]0;pwned\u0007 \u202Eexe.txt\u202C \u2066x\u2069 done';

describe('terminal escapes and bidirectional overrides from user text', () => {
  it('are replaced with U+FFFD, tab and line feed kept', () => {
    expect(replaceUnsafe(HOSTILE)).toBe('ok\uFFFD[2J\uFFFD]0;pwned\uFFFD \uFFFDexe.txt\uFFFD \uFFFDx\uFFFD done');
    expect(replaceUnsafe('a\tb\nc\rd')).toBe('a\tb\nc\uFFFDd');
  });

  it('never reach the console or the Markdown export raw', async () => {
    const h = serviceHarness({ commander: ['console:alice'] });
    const alice = person('alice');
    const declared = await h.run(alice, `/ir declare ${HOSTILE} --severity High`);
    await h.run(alice, `/ir note ${HOSTILE}`);
    const timeline = await h.run(alice, '/ir timeline');
    // eslint-disable-next-line no-control-regex
    const raw = /[\u001b\u0007\u202a-\u202e\u2066-\u2069]/;
    for (const reply of [declared, timeline]) for (const view of reply.views) expect(renderView(view)).not.toMatch(raw);
    expect(h.printed()).not.toMatch(raw);
    const doc = await exportIncident(h.store, h.incident()!, h.clock.now());
    expect(exportMarkdown(doc!)).not.toMatch(raw);
    expect(exportMarkdown(doc!)).toContain('\uFFFDexe.txt');
  });
});
