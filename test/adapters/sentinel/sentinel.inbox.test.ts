import { afterEach, describe, expect, it } from 'vitest';
import { fixture, startSentinelRig, type SentinelRig } from './sentinel.harness.ts';

let rig: SentinelRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const trigger = () => fixture<Record<string, unknown>>('trigger/incident-created.high.json');

describe('the Sentinel webhook keeps a delivery before it answers 202', () => {
  it('answers 202 with the outcome once the delivery is kept and processed, and leaves nothing pending', async () => {
    rig = await startSentinelRig({ withInbox: true });
    const response = await rig.post(trigger());
    expect(response).toMatchObject({ status: 202, json: { outcome: 'declared', incidentId: 'inc-4211' } });
    expect(rig.intake.calls).toHaveLength(1);
    await rig.work.drain(5_000);
    expect(await rig.store.inboxPending()).toEqual([]);
  });

  it('answers 503 with Retry-After, and hands nothing to the intake, when the store cannot keep it', async () => {
    rig = await startSentinelRig({ withInbox: true });
    rig.store.inboxPut = async () => {
      throw new Error('store.unreachable: the disk is gone');
    };
    const response = await rig.post(trigger());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.json).toMatchObject({ error: 'unavailable', message: expect.stringMatching(/Nothing was recorded/) });
    expect(rig.intake.calls).toEqual([]);
  });
});
