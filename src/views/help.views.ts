import { SUBCOMMANDS, findSubcommand } from '../commands/parser.ts';
import type { View } from './view.types.ts';

export function helpView(topic?: string): View {
  const spec = topic ? findSubcommand(topic) : undefined;
  if (topic && !spec) {
    return {
      summary: `No command "${topic}"`,
      tone: 'error',
      blocks: [
        { type: 'text', text: `"${topic}" is not a command.` },
        { type: 'fields', fields: SUBCOMMANDS.map((s) => ({ label: s.name, value: s.summary })) },
      ],
    };
  }
  if (spec) {
    return {
      summary: spec.usage,
      blocks: [
        { type: 'header', text: `/ir ${spec.name}` },
        { type: 'text', text: spec.summary },
        { type: 'fields', fields: [{ label: 'Usage', value: spec.usage }] },
      ],
    };
  }
  return {
    summary: 'Incident Commander commands',
    blocks: [
      { type: 'header', text: 'Incident Commander commands' },
      {
        type: 'fields',
        fields: SUBCOMMANDS.map((s) => ({ label: s.usage.split('\n')[0] ?? s.name, value: s.summary })),
      },
      { type: 'context', text: 'Run /ir help <command> for one command.' },
    ],
  };
}
