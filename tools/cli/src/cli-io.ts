/** Where the CLI writes: the process's streams in `main.ts`, buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Prints a command's result: the JSON document with `--json`, else the human lines. */
export function emit(io: CliIo, json: boolean, result: unknown, lines: () => string[]): void {
  io.out(json ? `${JSON.stringify(result, null, 2)}\n` : `${lines().join('\n')}\n`);
}
