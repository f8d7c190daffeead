import fs from 'node:fs';
import { buildSchema, findBreakingChanges } from 'graphql';
import { printedSchema, SCHEMA_FILE } from '../../src/schema/print';

describe('schema.graphql', () => {
  test('is what the Pothos schema prints (run `npm run schema:print` after changing the schema)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  test('keeps the contract other issues and clients rely on', () => {
    const contract = buildSchema(/* GraphQL */ `
      scalar DateTime
      enum OrderStatus { PENDING PAID SHIPPED DELIVERED CANCELLED }
      type Query {
        users(first: Int = 20, offset: Int = 0): [User!]!
        user(id: ID!): User
        orders(first: Int = 20, offset: Int = 0): [Order!]!
        products(first: Int = 20, offset: Int = 0): [Product!]!
      }
      type User { id: ID! username: String! email: String! createdAt: DateTime! orders: [Order!]! orderCount: Int! }
      type Order { id: ID! status: OrderStatus! totalCents: Int! createdAt: DateTime! user: User! items: [OrderItem!]! }
      type OrderItem { id: ID! quantity: Int! unitPriceCents: Int! order: Order! product: Product! }
      type Product { id: ID! name: String! priceCents: Int! }
    `);
    const current = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    expect(findBreakingChanges(contract, current)).toEqual([]);
  });
});
