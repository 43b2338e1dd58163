import { domainToASCII } from 'node:url';

const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
// RFC 5322 dot-atom (no quoted local parts, no comments): what real CRMs and mail headers carry.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// `"Ann Lee" <ann@x.com>` or `Ann <ann@x.com>`: the address is the last angle-bracketed part.
const DISPLAY_NAME_FORM = /<([^<>]*)>$/;

/**
 * The one email normalization used by crm-sync (before storage) and ingest (before lookup), so the
 * two sides of the gate always compare like with like. Returns null for anything that is not a
 * plain, valid address.
 *
 * - Trims, unwraps display-name forms and a `mailto:` prefix, lowercases the whole address
 *   (local parts are case-insensitive at every mainstream provider), and converts an IDN domain
 *   to its ASCII (punycode) form.
 * - Does NOT fold Gmail dots or `+tags`, nor any provider-specific alias rule. Folding is only right
 *   for domains whose server ignores those characters, and Google Workspace domains do not
 *   announce themselves; folding `a.b+x@corp.com` to `ab@corp.com` could merge two different
 *   people and admit mail from a stranger. The gate must under-admit rather than over-admit, so a
 *   CRM contact matches only the address the CRM holds (its additional emails cover aliases).
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let candidate = raw.trim();
  const displayForm = DISPLAY_NAME_FORM.exec(candidate);
  if (displayForm) candidate = displayForm[1].trim();
  if (candidate.toLowerCase().startsWith('mailto:')) candidate = candidate.slice('mailto:'.length);
  candidate = candidate.toLowerCase();

  const at = candidate.lastIndexOf('@');
  if (at <= 0 || at !== candidate.indexOf('@')) return null;
  const local = candidate.slice(0, at);
  const domain = asciiDomain(candidate.slice(at + 1));
  if (domain === null || local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) return null;

  const address = `${local}@${domain}`;
  return address.length <= MAX_ADDRESS_LENGTH ? address : null;
}

function asciiDomain(domain: string): string | null {
  if (domain.length === 0 || /[\s@]/.test(domain)) return null;
  // domainToASCII applies IDNA (lowercases, punycodes) and returns '' for an invalid name.
  const ascii = /^[\x21-\x7e]+$/.test(domain) ? domain : domainToASCII(domain);
  const labels = ascii.split('.');
  if (ascii.length === 0 || labels.length < 2) return null;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return null;
  return TOP_LEVEL_LABEL.test(labels[labels.length - 1]) ? ascii : null;
}
