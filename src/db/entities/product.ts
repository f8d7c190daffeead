import { Collection } from '@mikro-orm/core';
import { Entity, OneToMany, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base';
import { OrderItem } from './order-item';

@Entity({ tableName: 'products' })
export class Product extends BaseEntity {
  @Property({ type: 'string', length: 255 })
  name!: string;

  @Property({ type: 'integer' })
  priceCents!: number;

  // The wide column: a few KB that cost only where they are fetched (`select *`, entities, a JOIN's every row).
  // Rows from before this column get an empty one; the seed writes every product's.
  @Property({ type: 'text', default: '' })
  description!: string;

  @OneToMany(
    () => OrderItem,
    (item) => item.product,
  )
  orderItems = new Collection<OrderItem>(this);
}
