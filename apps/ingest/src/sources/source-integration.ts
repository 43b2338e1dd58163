/** Which integration (and user) an item a source produces belongs to. */
export interface SourceRef {
  integrationId: string;
  userId: string;
}

/** A connected Gmail or Calendar integration as a source polls it; tokens are still envelopes. */
export interface SourceIntegration extends SourceRef {
  provider: 'gmail' | 'calendar';
  accessToken: string | null;
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
  cursor: SourceCursor | null;
}

/** Where the next poll starts: Gmail's history id, or Calendar's sync token. */
export interface SourceCursor {
  historyId?: string;
  syncToken?: string;
}
