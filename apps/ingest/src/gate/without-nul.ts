/**
 * Message text as PostgreSQL can store it: U+0000 removed. Provider content (a Gmail body, a Slack
 * message) may carry NUL characters, and one such row would fail the insert of its whole batch.
 */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}
