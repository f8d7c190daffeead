/** A validated page of a root list: `first` rows after skipping `offset`, ordered by id. */
export interface Page {
  first: number;
  offset: number;
  /** Which rows of the root list, as a MikroORM filter on its entity (`{ status: 'SHIPPED' }`); all when absent. */
  where?: Record<string, unknown>;
}
