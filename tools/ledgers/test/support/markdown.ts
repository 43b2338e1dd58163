import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../../..');

export function readRepoFile(relativePath: string): string {
  const path = join(REPO_ROOT, relativePath);
  if (!existsSync(path)) throw new Error(`${relativePath} does not exist`);
  return readFileSync(path, 'utf8');
}

/** The lines of a `## heading` section (up to the next `## `), or an error naming the heading. */
export function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`section "## ${heading}" is missing`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  return end < 0 ? rest : rest.slice(0, end);
}

/** Cells of a Markdown table row, trimmed; `null` for a line that is not a table row. */
export function tableCells(line: string): string[] | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) return null;
  return trimmed
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim());
}

/** `/source/flags` -> RegExp; throws on anything else. */
export function parseRegexLiteral(literal: string): RegExp {
  const match = /^\/(.+)\/([a-z]*)$/.exec(literal);
  if (!match) throw new Error(`not a /regex/flags literal: ${literal}`);
  return new RegExp(match[1], match[2]);
}
