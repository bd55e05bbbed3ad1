import { RunbookSchema, type Runbook } from '../../src/runbooks/runbook.schema.ts';

/** A small valid runbook as plain data (what YAML parses to), for tests that break one field at a time. */
export function rawRunbook(): Record<string, unknown> {
  return {
    id: 'storage-exfiltration',
    title: 'Storage account data exfiltration',
    description: 'Use when a storage account shows unusual egress.',
    version: 1,
    matches: { tactics: ['Exfiltration'], titlePatterns: ['exfiltrat'] },
    steps: [
      {
        id: 'triage',
        title: 'Confirm the alert',
        phase: 'triage',
        owner: 'responder',
        instructions: 'Run the KQL below.',
        controls: ['ISO27001:A.5.26'],
      },
      {
        id: 'rotate-key1',
        title: 'Rotate key1',
        phase: 'containment',
        owner: 'responder',
        instructions: 'Press the button.',
        evidence: 'The time key1 was regenerated',
        controls: ['SOC2:CC7.4'],
        action: { type: 'storage.rotate-key', target: { entity: 'AzureResource' }, params: { keyName: 'key1' } },
      },
    ],
  };
}

/** The same runbook as YAML, with known line numbers: `steps[1].title` is on line 19. */
export const VALID_YAML = `# yaml-language-server: $schema=./runbook.schema.json
id: storage-exfiltration
title: Storage account data exfiltration
description: Use when a storage account shows unusual egress.
version: 1
matches:
  tactics: [Exfiltration]
  titlePatterns: ["exfiltrat"]
steps:
  - id: triage
    title: Confirm the alert
    phase: triage
    owner: responder
    instructions: |
      Run the KQL below.
    controls: ["ISO27001:A.5.26"]

  - id: rotate-key1
    title: Rotate key1
    phase: containment
    owner: responder
    instructions: Press the button.
    evidence: The time key1 was regenerated
    controls: ["SOC2:CC7.4"]
    action:
      type: storage.rotate-key
      target: { entity: AzureResource }
      params:
        keyName: key1
`;

/** A validated runbook built from steps given in short form. */
export function runbookWith(steps: Array<Record<string, unknown>>, id = 'test-runbook'): Runbook {
  const base = rawRunbook();
  const full = steps.map((step, index) => ({
    id: `step-${index + 1}`,
    title: `Step ${index + 1}`,
    phase: 'triage',
    owner: 'responder',
    instructions: `Do step ${index + 1}.`,
    controls: ['SOC2:CC7.3'],
    ...step,
  }));
  return RunbookSchema.parse({ ...base, id, steps: full });
}
