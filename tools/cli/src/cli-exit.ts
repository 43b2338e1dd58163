/** The CLI's exit codes, documented in `sentinel --help`. */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  DependencyUnavailable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI reports in one line with its exit code (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.Failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * A network-level failure (refused, reset, timed out): the dependency is down, not our request
 * wrong. Duck-typed: fetch's errors come from another realm under test runners.
 */
export function isUnreachable(error: unknown): boolean {
  const failure = error as { name?: string; message?: string; code?: string; cause?: { code?: string } } | undefined;
  return (
    NETWORK_CODES.has(failure?.code ?? '') ||
    NETWORK_CODES.has(failure?.cause?.code ?? '') ||
    failure?.name === 'TimeoutError' ||
    failure?.message === 'fetch failed'
  );
}
