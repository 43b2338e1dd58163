/** Every TypeORM entity of the tenant database. Listed explicitly so compiled and test builds load the same set. */
export const ALL_ENTITIES: Array<new () => object> = [];
