/** A row a write changed: what a per-request cache that may hold it (a DataLoader, an identity map) must forget. */
export interface Written {
  entity: 'User' | 'Order' | 'Product';
  id: number;
}
