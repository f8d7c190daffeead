import { builder } from './builder';
import './user';
import './order';
import './order-item';
import './product';

export const schema = builder.toSchema();
