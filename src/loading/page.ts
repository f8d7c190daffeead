/** A validated page of a root list: `first` rows after skipping `offset`, ordered by id. */
export interface Page {
  first: number;
  offset: number;
}
