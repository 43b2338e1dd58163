import { readFileSync } from 'node:fs';

/** Reads libs/hardening's vector file: "# " comments and blank lines skipped, {{0xNN}} / {{U+NNNN}} decoded. */
export function loadXssVectors(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('# ') && line !== '#')
    .map((line) =>
      line.replace(/\{\{(?:0x([0-9A-Fa-f]{2})|U\+([0-9A-Fa-f]{4,6}))\}\}/g, (_, byte: string | undefined, code: string | undefined) =>
        String.fromCodePoint(parseInt(byte ?? code ?? '3f', 16)),
      ),
    );
}
