/**
 * The addresses of an RFC 5322 address-list header (`"Doe, Jane" <jane@x.com>, bob@y.com`): commas
 * inside quotes or angle brackets do not split, display names are dropped. Group syntax and
 * comments are rare in practice and not interpreted; a part without an `@` is skipped.
 */
export function parseAddressList(header: string | null | undefined): string[] {
  if (!header) return [];
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) angled = true;
    else if (char === '>' && !quoted) angled = false;
    if (char === ',' && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  const addresses: string[] = [];
  for (const part of parts) {
    const angle = /<([^<>]*)>\s*$/.exec(part);
    const address = (angle ? angle[1] : part)?.trim().replace(/^"|"$/g, '') ?? '';
    if (address.includes('@')) addresses.push(address);
  }
  return addresses;
}
