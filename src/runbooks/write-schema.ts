import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exportRunbookJsonSchema } from './runbook.schema.ts';

/** Where editors find the schema: `# yaml-language-server: $schema=./runbook.schema.json` in each runbook. */
export const RUNBOOK_SCHEMA_FILE = fileURLToPath(new URL('../../runbooks/runbook.schema.json', import.meta.url));

/** The exact text of the committed schema file: pretty JSON with a trailing newline. */
export function runbookSchemaText(): string {
  return `${JSON.stringify(exportRunbookJsonSchema(), null, 2)}\n`;
}

/** Regenerates the schema file. Run after changing the runbook schema or the action catalog. */
export async function writeRunbookSchema(file: string = RUNBOOK_SCHEMA_FILE): Promise<string> {
  await writeFile(file, runbookSchemaText(), 'utf8');
  return file;
}

// `npx tsx src/runbooks/write-schema.ts`: write the file; importing this module writes nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const file = await writeRunbookSchema();
  console.log(`Wrote ${file}`);
}
