/** Cents as the customer reads an amount: ¥12.50. */
export function yuan(cents: number): string {
  return `¥${(cents / 100).toFixed(2)}`;
}
