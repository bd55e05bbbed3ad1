import { afterEach, describe, expect, it } from 'vitest';
import { LENA, personalConversation, personalMessage } from './support/activities.ts';
import { startTeamsRig, type TeamsRig } from './support/teams-rig.ts';

let rig: TeamsRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('Teams command messages go through the inbox', () => {
  it('keeps a message before answering its request, and runs a message delivered twice once', async () => {
    rig = await startTeamsRig({ roles: { commander: [`teams:${LENA.aadObjectId}`] } });
    const message = personalMessage({ serviceUrl: rig.connector.serviceUrl, from: LENA, text: 'declare Mailbox rule forwarding to an outside address --severity High' });
    expect((await rig.post(message)).status).toBe(200);
    expect((await rig.post(message)).status).toBe(200);
    await rig.settle();
    expect(rig.incidentFiles()).toHaveLength(1);
    expect((await rig.events()).filter((event) => event.type === 'IncidentDeclared')).toHaveLength(1);
    // The declaration's events carry the message's delivery id: a replay from the inbox would change nothing.
    expect((await rig.events()).find((event) => event.type === 'IncidentDeclared')?.commandId).toMatch(/^teams:/);
    expect(await rig.app.store.inboxPending()).toEqual([]);
  });

  it('refuses in the conversation, and records nothing, when the store cannot keep the message', async () => {
    rig = await startTeamsRig();
    rig.app.store.inboxPut = () => Promise.reject(new Error('disk gone'));
    expect((await rig.post(personalMessage({ serviceUrl: rig.connector.serviceUrl, from: LENA, text: 'declare Lost laptop --severity High' }))).status).toBe(200);
    await rig.settle();
    expect(rig.incidentFiles()).toEqual([]);
    const told = rig.connector.callsTo(personalConversation(LENA)).map((call) => JSON.stringify(call.body));
    expect(told.join('\n')).toContain('Nothing was recorded');
  });
});
