import { describe, expect, it } from 'vitest';
import { DECLARED, alice, bob, carol, given, mallory, past, person } from '../support/given.ts';
import { RunbookSchema } from '../../src/runbooks/runbook.schema.ts';

/** The incident deciders (declare, assign, note, status, close), called directly. */

describe('declare', () => {
  it('declares with the declarer as commander when the commander pool has them', () => {
    given().when({ name: 'declare', title: 'Leaked SAS token', severity: 'High' }).then({ type: 'IncidentDeclared', data: { title: 'Leaked SAS token', severity: 'High', commander: 'slack:U0ALICE' } });
  });

  it('declares from a responder without making them commander, Medium when no severity is given', () => {
    const [declared] = given().when({ name: 'declare', title: 'Odd sign-ins' }, { actor: bob }).then({ type: 'IncidentDeclared', data: { severity: 'Medium' } });
    expect(declared?.data).not.toHaveProperty('commander');
  });

  it('lets Sentinel declare although it is in no pool, with no commander', () => {
    const [declared] = given().when({ name: 'declare', sentinelNumber: '3177' }, { actor: person('sentinel', 'sentinel') }).then({ type: 'IncidentDeclared', data: { title: 'Sentinel incident #3177', sentinel: { number: '3177' } } });
    expect(declared?.data).not.toHaveProperty('commander');
  });

  it('refuses someone in neither pool, without recording (there is no incident to record it in)', () => {
    given().when({ name: 'declare', title: 'x' }, { actor: mallory }).refused('policy.cannot_declare', { message: /slack:U0MALLORY is not in the commander or responder pool/ });
  });

  it('refuses an incident that exists already', () => {
    given(DECLARED).when({ name: 'declare', title: 'again' }).refused('incident.exists');
  });

  it('starts the runbook that matches, and a drill of the runbook named', () => {
    const runbook = RunbookSchema.parse({
      id: 'sas-leak',
      title: 'Leaked SAS token',
      description: 'A SAS token was leaked.',
      version: 3,
      matches: { titlePatterns: ['sas token'] },
      steps: [{ id: 'revoke', title: 'Revoke the SAS', phase: 'containment', owner: 'responder', instructions: 'Revoke it.', controls: ['ISO27001:A.5.26'] }],
    });
    given().when({ name: 'declare', title: 'Leaked SAS token', severity: 'High' }, { runbooks: [runbook] }).then({ type: 'IncidentDeclared' }, { type: 'RunbookStarted', data: { runbookId: 'sas-leak', version: 3, chosen: 'matched' } });
    given().when({ name: 'declare', drill: 'sas-leak' }, { runbooks: [runbook] }).then({ type: 'IncidentDeclared', data: { title: 'DRILL: Leaked SAS token', drill: true } }, { type: 'RunbookStarted', data: { chosen: 'by-hand', reasons: ['drill'] } });
    given().when({ name: 'declare', drill: 'nope' }, { runbooks: [runbook] }).refused('runbook.unknown', { message: /no runbook "nope"/ });
  });
});

describe('assign', () => {
  it('lets the commander assign a role to someone in its pool', () => {
    given(DECLARED).when({ name: 'assign', role: 'legal', user: 'slack:U0CAROL' }).then({ type: 'RoleAssigned', data: { role: 'legal', principal: 'slack:U0CAROL' } });
  });

  it('names whom a new commander replaces', () => {
    given(DECLARED).when({ name: 'assign', role: 'commander', user: 'slack:U0CAROL' }).then({ type: 'RoleAssigned', data: { role: 'commander', principal: 'slack:U0CAROL', replaced: 'slack:U0ALICE' } });
  });

  it('lets someone in the commander pool assign while the incident has no commander', () => {
    given(past('IncidentDeclared', { title: 'from Sentinel', severity: 'High' })).when({ name: 'assign', role: 'commander', user: 'slack:U0CAROL' }, { actor: carol }).then({ type: 'RoleAssigned' });
  });

  it('refuses, on the record, anyone else, and a principal outside the role pool', () => {
    given(DECLARED).when({ name: 'assign', role: 'scribe', user: 'slack:U0BOB' }, { actor: bob }).refused('policy.not_commander', { recorded: true });
    given(DECLARED).when({ name: 'assign', role: 'commander', user: 'slack:U0BOB' }, { actor: carol }).refused('policy.not_commander', { recorded: true });
    given(DECLARED).when({ name: 'assign', role: 'legal', user: 'slack:U0BOB' }).refused('policy.not_eligible', { recorded: true, message: /slack:U0BOB may not hold the legal role/ });
  });

  it('refuses to assign a role someone holds already, without recording', () => {
    given(DECLARED).when({ name: 'assign', role: 'responder', user: 'slack:U0BOB' }).refused('incident.already_in_role');
  });
});

describe('note', () => {
  it('takes a note from a participant, and from someone in a pool who holds no role yet', () => {
    given(DECLARED).when({ name: 'note', text: 'key rotated by hand' }, { actor: bob }).then({ type: 'NoteAdded', data: { text: 'key rotated by hand' } });
    given(DECLARED).when({ name: 'note', text: 'legal here' }, { actor: carol }).then({ type: 'NoteAdded' });
  });

  it('refuses, on the record, someone with no role and in no pool', () => {
    given(DECLARED).when({ name: 'note', text: 'hi' }, { actor: mallory }).refused('policy.not_participant', { recorded: true });
  });
});

describe('status change', () => {
  it('moves forward on the commander\'s word, and back only with a reason', () => {
    given(DECLARED).when({ name: 'status-change', status: 'contained' }).then({ type: 'StatusChanged', data: { from: 'declared', to: 'contained' } });
    const contained = given(DECLARED, past('StatusChanged', { from: 'declared', to: 'contained' }));
    contained.when({ name: 'status-change', status: 'investigating' }).refused('incident.illegal_transition', { message: /needs a reason/ });
    contained.when({ name: 'status-change', status: 'investigating', reason: 'a second account' }).then({ type: 'StatusChanged', data: { from: 'contained', to: 'investigating', reason: 'a second account' } });
  });

  it('refuses the status it is already in, and anyone but the commander (on the record)', () => {
    given(DECLARED).when({ name: 'status-change', status: 'declared' }).refused('incident.illegal_transition', { message: /already declared/ });
    given(DECLARED).when({ name: 'status-change', status: 'contained' }, { actor: bob }).refused('policy.not_commander', { recorded: true, message: /Only the commander \(slack:U0ALICE\) changes the status/ });
  });
});

describe('close', () => {
  it('closes on the commander\'s word with the classification and the status it closed from', () => {
    given(DECLARED).when({ name: 'close', classification: 'TruePositive', comment: 'keys rotated' }).then({ type: 'IncidentClosed', data: { classification: 'TruePositive', from: 'declared', comment: 'keys rotated' } });
  });

  it('refuses anyone but the commander, on the record', () => {
    given(DECLARED).when({ name: 'close', classification: 'FalsePositive' }, { actor: carol }).refused('policy.not_commander', { recorded: true });
  });
});

describe('every command against an incident', () => {
  it('is refused when the incident does not exist, or is closed, without recording', () => {
    given().when({ name: 'note', text: 'x' }).refused('incident.not_found');
    const closed = given(DECLARED, past('IncidentClosed', { classification: 'BenignPositive', from: 'declared' }));
    closed.when({ name: 'note', text: 'x' }).refused('incident.closed');
    closed.when({ name: 'approve', actionId: 'act-1' }).refused('incident.closed');
    closed.when({ name: 'breach', awareAt: new Date('2026-12-07T09:00:00Z'), categories: [], jurisdictions: ['EU'], role: 'controller', highRisk: false }).refused('incident.closed');
  });

  it('is decided for the actor given, whoever else is in the history', () => {
    given(DECLARED).when({ name: 'note', text: 'x' }, { actor: alice }).then({ type: 'NoteAdded' });
  });
});
