import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/ports/logger.port.ts';
import { person, serviceHarness } from '../support/service-harness.ts';

/**
 * Every name on Object.prototype, fed wherever a user names a record (a regime, an action, a step, a runbook, a role,
 * a button, a form): refused cleanly with a domain error, never a throw (the routes' internal error) or an error-level
 * log.
 */

const NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype', '__proto__'];

const COMMANDS = [
  '/ir notified {} REF-1',
  '/ir notified {} REF-1 --at 2026-11-20T10:00:00Z',
  '/ir not-required {} --reason r',
  '/ir not-required {} --confirm',
  '/ir clock start {} --at 2026-11-20T09:00:00Z',
  '/ir draft regulator {}',
  '/ir approve {}',
  '/ir deny {} no',
  '/ir undo {}',
  '/ir runbook {}',
  '/ir drill {}',
  '/ir assign {} console:bob',
  '/ir assign responder {}',
  '/ir status {} --reason r',
  '/ir close {} done',
  '/ir declare sentinel:{}',
  '/ir {}',
  '/ir request {} /subscriptions/s/resourceGroups/g',
  '/ir breach --aware-at 2026-11-20T09:00:00Z --jurisdictions {}',
  '/ir breach --aware-at 2026-11-20T09:00:00Z --jurisdictions EU --subjects {}:3',
  '/ir breach --aware-at 2026-11-20T09:00:00Z --jurisdictions EU --data {}',
  '/ir done {}',
  '/ir skip {}',
  '/ir note --{} x',
  '/ir breach --aware-at 2026-11-20T09:00:00Z --jurisdictions EU --{} 3',
  '/ir request storage.rotate-key /subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a --{} x',
  '/ir request storage.rotate-key --{}=x',
  '/ir status --{}',
];

const BUTTONS = ['act:{}:approve', 'act:{}:deny', 'act:{}:undo', 'runbook:done:{}', 'runbook:act:{}', 'cmd:{}', 'triage:{}:declare', '{}', 'support:{}', '{}:file'];
const FORMS = ['form:{}', 'form:deny:{}', 'form:dismiss:{}', 'form:breach'];

function recordingLogger() {
  const errors: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (message, fields) => void errors.push({ message, ...(fields ? { fields } : {}) }) };
  return { logger, errors };
}

async function incident() {
  const recorded = recordingLogger();
  const h = serviceHarness({ commander: ['console:alice'], legal: ['console:lena'], responder: ['console:bob'] }, undefined, [], { logger: recorded.logger });
  const alice = person('alice');
  await h.run(alice, '/ir declare Leaked key --severity High');
  await h.run(alice, '/ir breach --aware-at 2026-11-20T09:00:00Z --jurisdictions EU');
  return { h, alice, errors: recorded.errors };
}

describe('Object.prototype names as user-supplied keys', () => {
  it('every command refuses them cleanly', async () => {
    const { h, alice, errors } = await incident();
    const failures: string[] = [];
    for (const name of NAMES) {
      for (const template of COMMANDS) {
        const text = template.replace('{}', name);
        try {
          await h.run(alice, text);
        } catch (error) {
          failures.push(`${text}: threw ${(error as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('every button and form refuses them cleanly', async () => {
    const { h, alice, errors } = await incident();
    const failures: string[] = [];
    for (const name of NAMES) {
      for (const template of BUTTONS) {
        const buttonId = template.replace('{}', name);
        try {
          await h.service.press({ buttonId, actor: alice, incidentId: h.incident()! });
        } catch (error) {
          failures.push(`${buttonId}: threw ${(error as Error).message}`);
        }
      }
      for (const template of FORMS) {
        const formId = template.replace('{}', name);
        try {
          await h.service.submitForm({ formId, values: { [name]: name, aware_at: name, jurisdictions: name, reason: name }, actor: alice, incidentId: h.incident()! });
        } catch (error) {
          failures.push(`${formId}: threw ${(error as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
  });
});
