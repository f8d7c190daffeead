import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base';
import { Order } from './order';
import { Product } from './product';

@Entity({ tableName: 'order_items' })
export class OrderItem extends BaseEntity {
  // `on update cascade` as the initial migration created it: MikroORM 6's default, which 7 no longer adds.
  @ManyToOne(() => Order, { updateRule: 'cascade' })
  @Index()
  order!: Order;

  @ManyToOne(() => Product, { updateRule: 'cascade' })
  @Index()
  product!: Product;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'integer' })
  unitPriceCents!: number;
}
