/**
 * A value the client sent, quoted for an error message and cut at `max` characters: an error names the bad
 * value without echoing a 15 KB header back.
 */
export function quoteClipped(value: string, max = 40): string {
  if (value.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(`${value.slice(0, max)}…`)} (${value.length} characters)`;
}
