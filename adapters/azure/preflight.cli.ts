import { ConfigError, loadConfig } from '../config/app.config.ts';
import { createLogger } from '../log/logger.ts';
import { createPreflight, type AzureTuning } from './index.ts';
import { formatPreflight } from './preflight.report.ts';

/** Streams and arguments for `incident-commander preflight`. */
export interface PreflightIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** What follows `preflight` on the command line: `[--scope <id>]... [--json]`. */
  args?: string[];
  /** Test-rig knobs only. */
  tuning?: AzureTuning;
}

export const PREFLIGHT_USAGE = `Usage: incident-commander preflight [--scope <id>]... [--json]

  Checks what the bot's own Azure identity may do, per containment action.
  --scope <id>   a subscription (/subscriptions/<id>) or resource group id to check;
                 repeatable; default: /subscriptions/$AZURE_SUBSCRIPTION_ID
  --json         print the report as JSON

Exit status: 0 every action ready, 1 a permission is missing, 2 Azure is not
configured or a check could not be made.`;

/**
 * `incident-commander preflight`: prints the report and returns the exit
 * status (0 all ready, 1 something missing, 2 not configured or unreachable).
 */
export async function preflightMain(env: NodeJS.ProcessEnv, io: PreflightIo): Promise<number> {
  const args = parseArgs(io.args ?? []);
  if ('error' in args) {
    io.stderr.write(`${args.error}\n\n${PREFLIGHT_USAGE}\n`);
    return 2;
  }
  let preflight: ReturnType<typeof createPreflight>;
  try {
    const config = loadConfig(env);
    preflight = createPreflight({
      config,
      env,
      logger: createLogger(config.logLevel, io.stderr),
      ...(io.tuning ? { tuning: io.tuning } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${error.message}\nFix the variables above and run preflight again.\n`);
    return 2;
  }
  const scopes = args.scopes.length ? args.scopes : preflight.defaultScopes;
  if (preflight.configured && scopes.length === 0) {
    io.stderr.write(
      `Name a scope to check: set AZURE_SUBSCRIPTION_ID, or pass --scope ` +
        `/subscriptions/<id>[/resourceGroups/<name>].\n`,
    );
    return 2;
  }
  const report = await preflight.runPreflight({ scopes });
  io.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatPreflight(report)}\n`);
  return report.exitCode;
}

function parseArgs(args: string[]): { scopes: string[]; json: boolean } | { error: string } {
  const scopes: string[] = [];
  let json = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--scope') {
      const value = args[index + 1];
      if (!value || value.startsWith('--')) return { error: '--scope needs a subscription or resource group id.' };
      scopes.push(value);
      index += 1;
    } else if (arg.startsWith('--scope=')) scopes.push(arg.slice('--scope='.length));
    else return { error: `Unknown argument "${arg}".` };
  }
  return { scopes, json };
}
