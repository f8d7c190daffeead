import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { Order } from './order';
import { Product } from './product';

@Entity({ tableName: 'order_items' })
export class OrderItem extends BaseEntity {
  @ManyToOne(() => Order)
  @Index()
  order!: Order;

  @ManyToOne(() => Product)
  @Index()
  product!: Product;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'integer' })
  unitPriceCents!: number;
}
