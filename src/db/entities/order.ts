import { Collection, Entity, Index, ManyToOne, OneToMany, Property, QueryOrder } from '@mikro-orm/core';
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
  @ManyToOne(() => User)
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

  @OneToMany(() => OrderItem, (item) => item.order, { orderBy: { id: QueryOrder.ASC } })
  items = new Collection<OrderItem>(this);
}
