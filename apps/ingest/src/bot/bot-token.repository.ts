import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A live bot credential as the guard checks it; the digest never leaves the guard. */
export interface LiveBotToken {
  id: string;
  name: string;
  tokenSha256: string;
}

/** Bot tokens issued by `sentinel bots issue`; revoked ones are invisible here. */
@Injectable()
export class BotTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findLiveByPrefix(prefix: string): Promise<LiveBotToken | undefined> {
    const rows = await this.dataSource.query<Array<{ id: string; name: string; token_sha256: string }>>(
      `SELECT id, name, token_sha256 FROM bot_tokens WHERE token_prefix = $1 AND revoked_at IS NULL`,
      [prefix],
    );
    return rows.map((row) => ({ id: row.id, name: row.name, tokenSha256: row.token_sha256 }))[0];
  }

  /** Best effort, for `sentinel bots list`: a lost update only makes "last used" older. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE bot_tokens SET last_used_at = now() WHERE id = $1`, [id]).catch(() => undefined);
  }
}
