import { runCli } from '../src/cli.program';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** One in-process `sentinel` invocation with its output captured. */
export async function sentinel(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}
