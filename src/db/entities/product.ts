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

  @OneToMany(
    () => OrderItem,
    (item) => item.product,
  )
  orderItems = new Collection<OrderItem>(this);
}
