// How a strategy is named to a person: by its label ("Warm standby", "Warm standby (warm-standby-20)"),
// which the loader already makes distinct from its type's title; the id is added only when two
// strategies share a label, so no line prints an id its label already says.

/** Each strategy's display name, by id. */
export function strategyNames(strategies: readonly { readonly id: string; readonly label: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const s of strategies) count.set(s.label, (count.get(s.label) ?? 0) + 1);
  return new Map(strategies.map((s) => [s.id, count.get(s.label)! > 1 && s.label !== s.id ? `${s.label} (${s.id})` : s.label]));
}
