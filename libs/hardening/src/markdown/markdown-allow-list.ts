import type { Attributes, IOptions } from 'sanitize-html';
import { isDangerousUrl } from './dangerous-url';

const LINK_REL = 'noopener noreferrer nofollow';

const URL_ATTRIBUTES = ['href', 'src'];

/** Second line behind allowedSchemes, which only strips ASCII controls: Unicode blanks too. */
function withoutDangerousUrls(attribs: Attributes): Attributes {
  return Object.fromEntries(
    Object.entries(attribs).filter(([name, value]) => !URL_ATTRIBUTES.includes(name) || !isDangerousUrl(value)),
  );
}

/**
 * The only HTML a Markdown body may carry: text formatting, lists, tables, quotes, code, links and
 * remote images. Everything else is dropped (script/style-like elements with their content, other
 * tags keeping their text). No `style`, no `on*`, no `class` except `language-*` on code.
 */
export const MARKDOWN_SANITIZE_OPTIONS: IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code',
    'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'mark', 'kbd',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    code: ['class'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Images never get mailto: or data: (a data: SVG can script; remote images are the only kind).
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Elements whose content is code or an embedded document: dropped whole, not kept as text.
  nonTextTags: [
    'script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed',
    'template', 'xmp', 'noembed', 'noframes', 'title',
  ],
  // Links cannot reach back into the app window nor lend it reputation.
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...withoutDangerousUrls(attribs), rel: LINK_REL } }),
    img: (tagName, attribs) => ({ tagName, attribs: withoutDangerousUrls(attribs) }),
  },
};
