/** Vocabulary shared by Sentinel and the war room (DESIGN.md, "Incident lifecycle"). */
export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['declared', 'investigating', 'contained', 'eradicated', 'recovered', 'closed'] as const;
export type IncidentStatus = (typeof STATUSES)[number];

/** Sentinel's closing classifications; closing requires one. */
export const CLASSIFICATIONS = ['TruePositive', 'BenignPositive', 'FalsePositive', 'Undetermined'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const ROLES = ['commander', 'responder', 'legal', 'comms', 'scribe', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Case-insensitive lookup in a closed list: `high` finds `High`. */
export function pick<T extends string>(list: readonly T[], input: string): T | undefined {
  const wanted = input.toLowerCase();
  return list.find((item) => item.toLowerCase() === wanted);
}
