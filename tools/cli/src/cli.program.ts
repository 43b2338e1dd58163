import { Command, CommanderError } from 'commander';
import { CliError, ExitCode } from './cli-exit';
import type { CliIo } from './cli-io';
import { auditCommand } from './commands/audit-verify.command';
import { botsCommand } from './commands/bots.command';
import { doctorCommand } from './commands/doctor.command';
import { ingestCommand } from './commands/ingest-ledger.command';
import { integrationsCommand } from './commands/integrations-list.command';
import { keysCommand } from './commands/keys-rotate.command';
import { syncCommand } from './commands/sync-run.command';
import { tokensCommand } from './commands/tokens-mint.command';

const EXIT_CODES_HELP = '\nExit codes: 0 ok, 1 failure, 2 usage, 3 a dependency is unavailable.';

/** Runs one `sentinel` invocation and answers its exit code; nothing here calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const program = new Command('sentinel')
    .description('Operator CLI of a Sentinel stack (one tenant)')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .addHelpText('after', EXIT_CODES_HELP);
  for (const command of [tokensCommand(io), integrationsCommand(io), keysCommand(io), syncCommand(io), ingestCommand(io), botsCommand(io), auditCommand(io), doctorCommand(io)]) {
    program.addCommand(inherit(command, program));
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version' ? ExitCode.Ok : ExitCode.Usage;
    }
    if (error instanceof CliError) {
      io.err(`sentinel: ${error.message}\n`);
      return error.exitCode;
    }
    io.err(`sentinel: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.Failure;
  }
}

/** addCommand does not copy settings: every (sub)command throws instead of exiting and writes to `io`. */
function inherit(command: Command, parent: Command): Command {
  command.copyInheritedSettings(parent);
  command.addHelpText('after', EXIT_CODES_HELP);
  for (const child of command.commands) inherit(child, command);
  return command;
}
