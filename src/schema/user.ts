import type { UserRow } from '../strategies';
import { pageArgs, pageCost, toId, toPage } from './arguments';
import { builder } from './builder';
import { OrderRef } from './order';

export const UserRef = builder.objectRef<UserRow>('User');

UserRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    email: t.exposeString('email'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    orders: t.field({
      type: [OrderRef],
      description: "The user's orders, ordered by id.",
      resolve: (user, _args, { strategy }, info) => strategy.ordersOfUser(user, info),
    }),
    orderCount: t.int({
      description: 'How many orders the user has.',
      resolve: (user, _args, { strategy }, info) => strategy.orderCountOfUser(user, info),
    }),
  }),
});

builder.queryFields((t) => ({
  users: t.field({
    type: [UserRef],
    description: 'Users ordered by id.',
    args: pageArgs,
    complexity: pageCost,
    resolve: (_root, args, { strategy }, info) => strategy.users(toPage(args), info),
  }),
  user: t.field({
    type: UserRef,
    nullable: true,
    description: 'One user by id, or null when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { strategy }, info) => strategy.user(toId(id), info),
  }),
}));
