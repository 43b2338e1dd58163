import { IsUUID, Matches } from 'class-validator';

/** A Sentinel user id: identity's id syntax, bounded. */
export const USER_ID_PATTERN = /^[A-Za-z0-9._@:-]{1,256}$/;
export const USER_ID_MESSAGE = 'user_id must be 1-256 letters, digits or . _ @ : -';

/** `/deals/:id/team/:user_id`: a deal id and a Sentinel user id (identity's id syntax, bounded). */
export class DealTeamMemberParams {
  @IsUUID()
  id!: string;

  @Matches(USER_ID_PATTERN, { message: USER_ID_MESSAGE })
  user_id!: string;
}
