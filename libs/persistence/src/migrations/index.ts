import type { MigrationInterface } from 'typeorm';

/** Every migration, oldest first. Schema changes happen only here (no `synchronize` outside tests). */
export const ALL_MIGRATIONS: Array<new () => MigrationInterface> = [];
