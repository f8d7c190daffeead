/** What GraphiQL opens with: the nested example, ready to run under each x-strategy. */
export const GRAPHIQL_DEFAULT_QUERY = `# Run, then set x-strategy (Headers, below) to
# naive, batched or joined and run again: compare
# extensions.queryStats.sqlCount in the response.
query UsersOrdersItemsProducts {
  users(first: 5) {
    id
    username
    orders {
      id
      status
      items {
        id
        quantity
        product { id name priceCents }
      }
    }
  }
}
`;
