import { IsUUID, Matches } from 'class-validator';

/** `/deals/:id/team/:user_id`: a deal id and a Sentinel user id (identity's id syntax, bounded). */
export class DealTeamMemberParams {
  @IsUUID()
  id!: string;

  @Matches(/^[A-Za-z0-9._@:-]{1,256}$/, { message: 'user_id must be 1-256 letters, digits or . _ @ : -' })
  user_id!: string;
}
