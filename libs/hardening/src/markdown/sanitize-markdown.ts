import sanitizeHtml from 'sanitize-html';
import { MARKDOWN_SANITIZE_OPTIONS } from './markdown-allow-list';
import { neutralizeMarkdownLinks } from './markdown-links';
import { MarkdownTooLongException } from './markdown-too-long.exception';

export const MARKDOWN_MAX_LENGTH = 100_000;

/** Control characters other than tab, LF and CR: PostgreSQL text refuses NUL, the rest is noise. */
const CONTROL_CHARACTERS = /[^\P{Cc}\t\n\r]/gu;

/**
 * Sanitises a Markdown (or HTML) body before it is stored (security model MAGAS #68): only the
 * allow-listed tags and attributes survive, URLs only with http/https/mailto (entity-encoded,
 * mixed-case and whitespace-split schemes included) in HTML and in Markdown link syntax alike,
 * control characters are removed, and the input is capped in length. Idempotent: sanitising the
 * output returns it unchanged.
 */
export function sanitizeMarkdown(input: string, maxLength = MARKDOWN_MAX_LENGTH): string {
  if (input.length > maxLength) throw new MarkdownTooLongException(maxLength);
  const html = sanitizeHtml(input.replace(CONTROL_CHARACTERS, ''), MARKDOWN_SANITIZE_OPTIONS);
  // A lone `>` cannot open markup, and Markdown needs it raw for block quotes; `<` stays escaped.
  // The sanitizer writes numeric entities (`&#1;`) out as the characters they name: control
  // characters are removed once more from its output, or a second pass would change it.
  return neutralizeMarkdownLinks(html.replace(/&gt;/g, '>')).replace(CONTROL_CHARACTERS, '');
}
