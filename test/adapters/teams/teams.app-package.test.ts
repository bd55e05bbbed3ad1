import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTeamsApp, crc32 } from '../../../deploy/teams/zip-app.ts';
import { SUBCOMMANDS } from '../../../src/commands/parser.ts';

const APP_ID = '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d';
const ENV = { MicrosoftAppId: APP_ID, TEAMS_APP_PUBLISHER_URL: 'https://wiki.example.com/incident-commander' };

/** Reads a ZIP through its central directory, checking each entry's CRC: what Teams' uploader does first. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const [crc, packed, size, nameLength, extra, comment, local] = [bytes.readUInt32LE(at + 16), bytes.readUInt32LE(at + 20), bytes.readUInt32LE(at + 24), bytes.readUInt16LE(at + 28), bytes.readUInt16LE(at + 30), bytes.readUInt16LE(at + 32), bytes.readUInt32LE(at + 42)];
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = inflateRawSync(bytes.subarray(dataAt, dataAt + packed));
    expect([data.length, crc32(data)]).toEqual([size, crc]);
    files.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the Teams app package (deploy/teams)', () => {
  it('zips the manifest with the app id filled in, and the two icons at their required sizes', () => {
    const files = unzip(buildTeamsApp(ENV));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const text = files.get('manifest.json')?.toString('utf8') ?? '';
    expect(text).not.toContain('{{');
    const manifest = JSON.parse(text);
    expect(manifest).toMatchObject({ manifestVersion: '1.17', id: APP_ID, webApplicationInfo: { id: APP_ID }, developer: { privacyUrl: ENV.TEAMS_APP_PUBLISHER_URL } });
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'] })]);
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([{ name: 'Channel.Create.Group', type: 'Application' }]);
    expect(pngSize(files.get('color.png') ?? Buffer.alloc(0))).toEqual([192, 192]);
    expect(pngSize(files.get('outline.png') ?? Buffer.alloc(0))).toEqual([32, 32]);
  });

  it('lists only commands the bot has, within Teams limits (10 per list, 32-character titles, 128-character descriptions)', () => {
    const manifest = JSON.parse(unzip(buildTeamsApp(ENV)).get('manifest.json')?.toString('utf8') ?? '{}');
    const known = new Set(SUBCOMMANDS.map((spec) => spec.name));
    for (const list of manifest.bots[0].commandLists as Array<{ commands: Array<{ title: string; description: string }> }>) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        expect(known.has(command.title)).toBe(true);
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  it('refuses to build without a GUID app id and an https publisher page', () => {
    expect(() => buildTeamsApp({})).toThrow(/MicrosoftAppId: .*\n.*TEAMS_APP_PUBLISHER_URL/);
    expect(() => buildTeamsApp({ ...ENV, TEAMS_APP_PUBLISHER_URL: 'http://wiki' })).toThrow(/TEAMS_APP_PUBLISHER_URL/);
  });
});
