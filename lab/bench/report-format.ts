/** Numbers as the bench's reports print them. */

export function num(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('en');
}

export function ms(value: number | null): string {
  if (value === null) return '—';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** `+18.5%`, `-1.7%`: a change, signed either way. */
export function signedPercent(value: number): string {
  return `${value >= 0 ? '+' : ''}${value}%`;
}
