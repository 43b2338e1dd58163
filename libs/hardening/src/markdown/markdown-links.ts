import { isDangerousUrl } from './dangerous-url';

const SAFE_DESTINATION = '#';
/** `](dest` of an inline link or image; the destination may open with `<` or its escaped form. */
const INLINE_DESTINATION = /(\]\(\s*(?:<|&lt;)?)([^\s)>]*)/g;
/** `[label]: dest` of a link reference definition. */
const REFERENCE_DESTINATION = /^( {0,3}\[[^\]\n]*\]:[ \t]*\n?[ \t]*(?:<|&lt;)?)([^\s>]*)/gm;

/**
 * sanitize-html only sees HTML; Markdown link syntax is text to it, yet a renderer turns
 * `[x](javascript:alert(1))` into a live link. Dangerous destinations become `#`.
 */
export function neutralizeMarkdownLinks(markdown: string): string {
  const neutralize = (_match: string, opening: string, destination: string) =>
    opening + (isDangerousUrl(destination) ? SAFE_DESTINATION : destination);
  return markdown.replace(INLINE_DESTINATION, neutralize).replace(REFERENCE_DESTINATION, neutralize);
}
