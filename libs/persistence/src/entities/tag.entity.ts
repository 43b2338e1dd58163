import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A label of this tenant's deals (the database is the tenant's own: no tenant column). */
@Entity({ name: 'tags' })
@Unique('tags_name_key', ['name'])
export class TagEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'tags_pkey' })
  id!: string;

  @Column('text')
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
