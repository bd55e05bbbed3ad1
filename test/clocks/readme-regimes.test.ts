import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDARS } from '../../src/clocks/holidays.ts';
import { SHIPPED_REGIMES } from '../../src/clocks/regimes.ts';

/** The README's regime list is the contract users read: it names every shipped regime id, and no other. */
describe('the README and the regime data agree', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('Regimes (ids as'), readme.indexOf('Countdown reminders go to'));

  it('names every shipped regime id', () => {
    const missing = SHIPPED_REGIMES.map((regime) => regime.id).filter((id) => !section.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });

  it('names no regime the bot does not ship', () => {
    const shipped = new Set(SHIPPED_REGIMES.map((regime) => regime.id));
    const named = [...section.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)+)`/g)].map((match) => match[1] ?? '');
    expect(named.filter((id) => id !== 'us-<state>' && !shipped.has(id))).toEqual([]);
  });

  it('the calendars its IC_CONFIG example builds on are shipped', () => {
    for (const match of readme.matchAll(/basedOn: ([a-z0-9-]+)/g)) expect(DEFAULT_CALENDARS[match[1] ?? '']).toBeDefined();
  });
});
