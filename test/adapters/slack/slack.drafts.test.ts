import { afterEach, describe, expect, it } from 'vitest';
import { slash } from './support/slack-flows.ts';
import { unescapedMarkup } from './support/block-kit-checker.ts';
import { startSlackRig, type SlackRig } from './support/slack-rig.ts';

let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const HOSTILE = '[Open the portal](https://evil.example) <https://evil.example|click> <!channel> {{DATE(2026-12-01T00:00:00Z, SHORT)}}';

describe('a draft with hostile markdown, through the real Slack route', () => {
  it('reaches the asker by direct message with no live link, no mention and no date function, and the war room only hears that it was made', async () => {
    rig = await startSlackRig({ roles: { commander: ['slack:U0CMDR001'] } });
    await slash(rig, 'U0CMDR001', 'C0GENERAL1', `declare ${HOSTILE} --severity High`);
    const room = 'C00000001';
    await slash(rig, 'U0CMDR001', room, `note ${HOSTILE}`);
    await slash(rig, 'U0CMDR001', room, 'breach --aware-at 2026-11-29T08:00:00Z --subjects 12400 --jurisdictions EU');
    const before = rig.fake.callsTo('chat.postMessage').length;
    const drafted = await slash(rig, 'U0CMDR001', room, 'draft regulator gdpr-art33');

    const posts = rig.fake.callsTo('chat.postMessage').slice(before).map((call) => call.args);
    const dm = posts.filter((post) => post.channel !== room);
    const inRoom = posts.filter((post) => post.channel === room);
    expect(dm).toHaveLength(1);
    const draft = JSON.stringify(dm[0]);
    expect(draft).toContain('12,400');
    expect(draft).toContain('Open the portal');
    expect(draft).not.toMatch(/<https:\/\/evil\.example\|/);
    expect(draft).not.toContain('<!channel>');
    expect(unescapedMarkup(dm[0]!)).toEqual([]);
    expect(JSON.stringify([...inRoom, ...drafted.privately])).not.toContain('12,400');
    expect(JSON.stringify(inRoom)).toMatch(/made a draft: Draft regulator notice \(gdpr-art33\)/);
    // The timeline, posted for everyone in the room, shows the assessment without its figures.
    const timeline = await slash(rig, 'U0CMDR001', room, 'timeline');
    const shown = JSON.stringify([...timeline.publicly, ...timeline.privately]);
    expect(shown).toContain('assessed a personal-data breach');
    expect(shown).not.toMatch(/12400|12,400/);
  });
});
