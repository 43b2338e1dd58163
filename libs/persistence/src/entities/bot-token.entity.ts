import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A meeting bot's credential for `POST /bot/items`, issued by an operator (`sentinel bots issue`).
 * Only the SHA-256 of the token is stored, with its first characters to find the row; the token
 * itself is shown once at issue and cannot be recovered.
 */
@Entity({ name: 'bot_tokens' })
// One live token per bot name; a revoked bot's name can be issued again.
@Index('bot_tokens_live_name_key', ['name'], { unique: true, where: 'revoked_at IS NULL' })
@Unique('bot_tokens_prefix_key', ['tokenPrefix'])
export class BotTokenEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_bot_tokens' })
  id!: string;

  /** The operator's label of the bot (e.g. `gong-recorder`). */
  @Column('text')
  name!: string;

  @Column('text', { name: 'token_prefix' })
  tokenPrefix!: string;

  /** Hex SHA-256 of the whole token. */
  @Column('text', { name: 'token_sha256' })
  tokenSha256!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;
}
