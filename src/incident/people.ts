import { principalOf, type Actor } from '../domain/actor.ts';

/**
 * People, not principals (DESIGN.md, "roles"): one human may act from Slack, Teams and the console, each a principal
 * of its own. The rules that compare who acts (four eyes: the requester of a high-risk action never approves it)
 * compare persons. A person is linked by config (`people:` in IC_CONFIG, with their principals and email) or by a
 * verified identity the platform vouches for (the email Slack's `users.info` gives); a principal linked by neither is
 * a person of its own.
 */
export interface PersonEntry {
  name: string;
  email?: string;
  /** `<platform>:<id>` principals of this person. */
  principals: readonly string[];
}

/** Who an actor is, as far as the bot can tell. */
export interface ResolvedPerson {
  /** `person:<email or name>` for a known person, `email:<address>` for a verified email alone, else the principal. */
  id: string;
  /** False when only the principal is known: the bot cannot tell whether two principals are the same human. */
  linked: boolean;
}

const lower = (text: string) => text.trim().toLowerCase();

/** The person `actor` resolves to in `people`. */
export function resolvePerson(
  people: readonly PersonEntry[],
  actor: Pick<Actor, 'platform' | 'id' | 'email'>,
): ResolvedPerson {
  const principal = lower(principalOf(actor));
  const email = actor.email ? lower(actor.email) : undefined;
  const entry =
    people.find((person) => person.principals.some((candidate) => lower(candidate) === principal)) ??
    (email ? people.find((person) => person.email !== undefined && lower(person.email) === email) : undefined);
  if (entry) return { id: `person:${lower(entry.email ?? entry.name)}`, linked: true };
  if (email) return { id: `email:${email}`, linked: true };
  return { id: principalOf(actor), linked: false };
}

/** The platform of a `<platform>:<id>` principal. */
export function platformOfPrincipal(principal: string): string {
  return principal.slice(0, Math.max(0, principal.indexOf(':')));
}
