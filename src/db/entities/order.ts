import { Collection, QueryOrder } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, OneToMany, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base';
import { OrderItem } from './order-item';
import { User } from './user';

export enum OrderStatus {
  PENDING = 'PENDING',
  PAID = 'PAID',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
}

@Entity({ tableName: 'orders' })
export class Order extends BaseEntity {
  // `on update cascade` as the initial migration created it: MikroORM 6's default, which 7 no longer adds.
  @ManyToOne(() => User, { updateRule: 'cascade' })
  @Index()
  user!: User;

  // A plain column rather than @Enum: MikroORM's SQLite differ cannot read back the enum's CHECK constraint
  // and would rebuild the table in every migration. The GraphQL enum and the seed keep values in the set.
  @Property({ type: 'string', length: 16 })
  status!: OrderStatus;

  @Property({ type: 'integer' })
  totalCents!: number;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @OneToMany(
    () => OrderItem,
    (item) => item.order,
    { orderBy: { id: QueryOrder.ASC } },
  )
  items = new Collection<OrderItem>(this);
}
