import { PrimaryKey } from '@mikro-orm/decorators/legacy';

/** Integer ids: the seed assigns them in insertion order, so lists "ordered by id" are stable everywhere. */
export abstract class BaseEntity {
  @PrimaryKey({ type: 'integer' })
  id!: number;
}
