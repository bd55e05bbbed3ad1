import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandsPort } from '../../src/ports/commands.port.ts';
import type { Actor } from '../../src/domain/actor.ts';
import type { WarRoomRef } from '../../src/domain/event.types.ts';
import type { IncidentState } from '../../src/incident/incident.state.ts';
import type { ChatPort } from '../../src/ports/chat.port.ts';
import type { IncidentStore } from '../../src/ports/store.port.ts';
import type { View } from '../../src/views/view.types.ts';
import { escapeTerminal, renderView } from './console.renderer.ts';

const ROOM: WarRoomRef = { platform: 'console', channelId: 'console', name: 'this console' };
const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;

/** The console as a chat platform: the terminal is every war room, and DMs are printed with their addressee. */
export class ConsoleChat implements ChatPort {
  readonly platform = 'console';
  constructor(private readonly output: Writable) {}

  async openWarRoom(incident: IncidentState): Promise<WarRoomRef> {
    return { ...ROOM, name: incident.id };
  }

  async post(_room: WarRoomRef, view: View): Promise<void> {
    this.output.write(renderView(view));
  }

  async notify(principal: string, view: View): Promise<boolean> {
    this.output.write(`-> to ${escapeTerminal(principal)}:\n${renderView(view)}`);
    return true;
  }

  async postToTriage(view: View): Promise<boolean> {
    this.output.write(`-> to triage:\n${renderView(view)}`);
    return true;
  }
}

export interface ConsoleSessionDeps {
  service: CommandsPort;
  store: IncidentStore;
  input: Readable;
  output: Writable;
  /** The acting user before any `:as`; a principal `console:<id>`. */
  user?: string;
  /** Called for a thrown error; returns the correlation id to show. */
  onUnexpected: (error: unknown) => string;
}

const META_HELP = [
  'Console commands:',
  '  /ir <command>     an incident command (/ir help lists them)',
  '  :as <id>          act as console:<id> (play commander, responder, legal in one terminal)',
  '  :use <incident>   switch to another incident',
  '  :incidents        list open incidents',
  '  :quit             leave',
].join('\n');

/**
 * Reads commands line by line (piped or typed) and answers each before the next,
 * so scripts can drive it. Resolves when the input ends or on `:quit`.
 */
export async function runConsoleSession(deps: ConsoleSessionDeps): Promise<void> {
  const { output } = deps;
  const session = { user: deps.user ?? 'operator', incidentId: undefined as string | undefined };
  const open = await deps.store.listOpen();
  session.incidentId = open.at(-1);
  output.write(
    `Incident Commander console. You are console:${session.user}. Type /ir help, or :help for console commands.\n`,
  );
  if (session.incidentId) output.write(`Current incident: ${session.incidentId} (:incidents lists the open ones).\n`);
  const lines = createInterface({ input: deps.input, crlfDelay: Infinity, terminal: false });
  for await (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line === ':quit' || line === ':exit') break;
    try {
      if (line.startsWith(':')) await meta(line, session, deps);
      else await command(line, session, deps);
    } catch (error) {
      output.write(
        `x Something went wrong (correlation id ${deps.onUnexpected(error)}); nothing more was done. Try again, and ` +
          `report the id if it recurs.\n`,
      );
    }
  }
  lines.close();
}

async function command(
  line: string,
  session: { user: string; incidentId: string | undefined },
  deps: ConsoleSessionDeps,
): Promise<void> {
  const actor: Actor = { platform: 'console', id: session.user, name: session.user };
  const reply = await deps.service.handle({
    text: line,
    actor,
    ...(session.incidentId ? { incidentId: session.incidentId } : {}),
    origin: ROOM,
  });
  if (reply.ok && reply.incidentId) session.incidentId = reply.incidentId;
  for (const view of reply.views) deps.output.write(renderView(view));
  // The console is sequential: what the command set off (an approved action running) finishes before the next line.
  await reply.followUp;
}

async function meta(
  line: string,
  session: { user: string; incidentId: string | undefined },
  deps: ConsoleSessionDeps,
): Promise<void> {
  const [name = '', arg = '', ...extra] = line.slice(1).split(/\s+/);
  const out = (text: string): void => {
    deps.output.write(`${text}\n`);
  };
  if (name === 'as') {
    const id = arg.replace(/^console:/, '');
    if (!USER_ID.test(id) || extra.length) return out('Usage: :as <id>   (letters, digits, . _ @ -; up to 64)');
    session.user = id;
    return out(`You are now console:${id}.`);
  }
  if (name === 'use') {
    if (!arg) return out('Usage: :use <incident id>');
    const events = await deps.store.load(arg).catch(() => []);
    if (events.length === 0) return out(`There is no incident ${escapeTerminal(arg)}. :incidents lists the open ones.`);
    session.incidentId = arg;
    return out(`Current incident: ${arg}.`);
  }
  if (name === 'incidents') {
    const open = await deps.store.listOpen();
    return out(
      open.length
        ? open.map((id) => `${id === session.incidentId ? '*' : ' '} ${id}`).join('\n')
        : 'No open incidents.',
    );
  }
  if (name === 'help') return out(META_HELP);
  out(`Unknown console command ${escapeTerminal(line)}.\n${META_HELP}`);
}
