/** What the callback reads from a provider's redirect back. */
export interface OAuthCallbackQuery {
  code?: string;
  state?: string;
  /** Set instead of `code` when the user declined (`access_denied`). */
  error?: string;
}

const MAX_LENGTH = 4096;

/**
 * Picks the three parameters from the raw query. Providers append parameters of their own
 * (`error_description`, Salesforce's `sfdc_community_url`), so this route cannot use the global
 * whitelisting DTO pipe; a repeated or oversized parameter counts as absent.
 */
export function callbackQueryFrom(raw: Record<string, unknown>): OAuthCallbackQuery {
  const pick = (name: string) => {
    const value = raw[name];
    return typeof value === 'string' && value.length <= MAX_LENGTH ? value : undefined;
  };
  return { code: pick('code'), state: pick('state'), error: pick('error') };
}
