import { IsUUID } from 'class-validator';

/** `:id` of a resource route: a UUID, or 400 before any query runs. */
export class IdParam {
  @IsUUID()
  id!: string;
}
