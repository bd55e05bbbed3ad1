import { describe, expect, it } from 'vitest';
import { foreignOrigin, originOf } from '../../../adapters/slack/slack.workspace.ts';

describe('the workspace a Slack request comes from', () => {
  it('reads the origin of a slash command, an interaction and an Events API envelope', () => {
    expect(originOf({ team_id: 'T1', enterprise_id: 'E1', api_app_id: 'A1' })).toEqual({ teamId: 'T1', enterpriseId: 'E1', appId: 'A1' });
    expect(originOf({ team: { id: 'T1', enterprise_id: 'E1' }, api_app_id: 'A1' })).toEqual({ teamId: 'T1', enterpriseId: 'E1', appId: 'A1' });
    expect(originOf({ user: { team_id: 'T1' }, enterprise: { id: 'E1' } })).toEqual({ teamId: 'T1', enterpriseId: 'E1' });
    expect(originOf({})).toEqual({});
  });

  it('fails closed while the bot does not know its workspace', () => {
    expect(foreignOrigin({ teamId: 'T1' }, undefined)).toMatch(/does not know its own workspace/);
    expect(foreignOrigin({ teamId: 'T1' }, {})).toMatch(/does not know its own workspace/);
  });

  it('binds a workspace install to its workspace, and an org-wide Enterprise Grid install to its organisation', () => {
    expect(foreignOrigin({ teamId: 'T1' }, { teamId: 'T1' })).toBeUndefined();
    expect(foreignOrigin({ teamId: 'T2' }, { teamId: 'T1' })).toBe('workspace T2 is not T1');
    const org = { teamId: 'T1', enterpriseId: 'E1', enterpriseInstall: true };
    expect(foreignOrigin({ teamId: 'T7', enterpriseId: 'E1' }, org)).toBeUndefined();
    expect(foreignOrigin({ teamId: 'T7', enterpriseId: 'E2' }, org)).toBe('organisation E2 is not E1');
    expect(foreignOrigin({ teamId: 'T1', enterpriseId: 'E1', appId: 'A2' }, { ...org, appId: 'A1' })).toBe("app A2 is not this bot's app A1");
  });
});
