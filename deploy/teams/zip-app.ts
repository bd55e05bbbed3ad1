/**
 * Builds the Teams app package: `teams-app/incident-commander.zip` holding
 * manifest.json (placeholders filled from the environment), color.png and
 * outline.png. Upload it in Teams (Apps > Manage your apps > Upload an app)
 * or in the Teams admin center. No npm package needed: node:zlib and a small
 * ZIP writer.
 *
 *   MicrosoftAppId=<bot app id> TEAMS_APP_PUBLISHER_URL=https://wiki.example.com/incident-commander \
 *     npx tsx deploy/teams/zip-app.ts [output.zip]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One file in the package. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** The placeholders of manifest.json, each from the environment (or package.json), checked. */
function placeholderValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const problems: string[] = [];
  const appId = env.MicrosoftAppId?.trim() ?? '';
  if (!GUID.test(appId)) problems.push("MicrosoftAppId: the bot's Entra application (client) id, a GUID");
  const publisher = env.TEAMS_APP_PUBLISHER_URL?.trim() ?? '';
  if (!/^https:\/\/\S+$/.test(publisher)) problems.push('TEAMS_APP_PUBLISHER_URL: an https page about this bot in your organisation (Teams shows it as website, privacy and terms link)');
  if (problems.length) throw new Error(`Cannot build the Teams app package; set:\n  ${problems.join('\n  ')}`);
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return { MicrosoftAppId: appId, PublisherUrl: publisher, Version: version };
}

/** manifest.json with every `{{Name}}` filled; refuses a placeholder it has no value for. */
export function manifestFor(env: NodeJS.ProcessEnv): string {
  const values = placeholderValues(env);
  const text = readFileSync(join(HERE, 'manifest.json'), 'utf8').replace(/\{\{(\w+)\}\}/g, (whole: string, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest.json has a placeholder ${whole} that zip-app.ts does not fill.`);
    return JSON.stringify(value).slice(1, -1);
  });
  JSON.parse(text);
  return text;
}

/** The package's bytes: manifest and icons at the root of the ZIP, as Teams requires. */
export function buildTeamsApp(env: NodeJS.ProcessEnv): Buffer {
  return zip([
    { name: 'manifest.json', data: Buffer.from(manifestFor(env)) },
    { name: 'color.png', data: readFileSync(join(HERE, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(HERE, 'outline.png')) },
  ]);
}

/** A minimal ZIP writer (deflate, fixed 1980-01-01 timestamps so the same input gives the same bytes). */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, crc, packed.length, entry.data.length, name.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    writeCommon(central, 6, crc, packed.length, entry.data.length, name.length);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The fields local and central headers share, from "version needed" to the name length. */
function writeCommon(header: Buffer, at: number, crc: number, packedSize: number, size: number, nameLength: number): void {
  header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  header.writeUInt16LE(0x0800, at + 2); // flags: names are UTF-8
  header.writeUInt16LE(8, at + 4); // method: deflate
  header.writeUInt16LE(0, at + 6); // time 00:00
  header.writeUInt16LE(0x21, at + 8); // date 1980-01-01
  header.writeUInt32LE(crc, at + 10);
  header.writeUInt32LE(packedSize, at + 14);
  header.writeUInt32LE(size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function main(): void {
  const out = resolve(process.argv[2] ?? join(ROOT, 'teams-app', 'incident-commander.zip'));
  try {
    const bytes = buildTeamsApp(process.env);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
    process.stdout.write(`Wrote ${out} (${bytes.length} bytes). Upload it in Teams: Apps > Manage your apps > Upload an app.\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
