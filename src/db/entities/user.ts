import { Collection, QueryOrder } from '@mikro-orm/core';
import { Entity, Formula, OneToMany, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from './base';
import { Order } from './order';

@Entity({ tableName: 'users' })
export class User extends BaseEntity {
  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  @Property({ type: 'string', length: 255, unique: true })
  email!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @OneToMany(
    () => Order,
    (order) => order.user,
    { orderBy: { id: QueryOrder.ASC } },
  )
  orders = new Collection<Order>(this);

  /** Loaded only when populated: the joined strategy asks for it to count orders inside its one statement. */
  @Formula((_columns, table) => `(select count(*) from orders where orders.user_id = ${table}.id)`, {
    type: 'integer',
    lazy: true,
  })
  orderCount?: number;
}
