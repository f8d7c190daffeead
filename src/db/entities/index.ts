export { Order, OrderStatus } from './order';
export { OrderItem } from './order-item';
export { Product } from './product';
export { User } from './user';

import { Order } from './order';
import { OrderItem } from './order-item';
import { Product } from './product';
import { User } from './user';

/** Listed explicitly (no globs) so tsx, Jest and compiled output discover the same entities. */
export const entities = [User, Order, OrderItem, Product];
