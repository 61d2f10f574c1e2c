// A strategy's own value of a scenario-wide field — its backup policy, say — is what it writes there
// merged over the scenario's value, maps key by key, as `extends` merges (merge.ts). Done on the raw
// tree, after each strategy got its strategyDefaults (expand.ts), so the merged value is read with
// the field's full schema and every error in it is located where it was written. Which fields: the
// parts' strategyOverrides (parts.ts), handed in by the schema that reads them.
import { mergeNodes } from "./merge.js";
import { isDeletion, type RawMap } from "./rawTree.js";

export function mergeStrategyOverrides(root: RawMap, fields: readonly string[]): RawMap {
  const strategies = root.entries.get("strategies");
  if (fields.length === 0 || strategies?.value.kind !== "map") return root;
  const byStrategy = new Map(strategies.value.entries);
  for (const [id, entry] of strategies.value.entries) {
    if (entry.value.kind !== "map" || isDeletion(entry.value)) continue;
    const own = new Map(entry.value.entries);
    for (const field of fields) {
      const written = own.get(field);
      const scenario = root.entries.get(field);
      if (written === undefined || scenario === undefined || isDeletion(written.value)) continue;
      own.set(field, { ...written, value: mergeNodes(scenario.value, written.value) });
    }
    byStrategy.set(id, { ...entry, value: { ...entry.value, entries: own } });
  }
  const entries = new Map(root.entries);
  entries.set("strategies", { ...strategies, value: { ...strategies.value, entries: byStrategy } });
  return { ...root, entries };
}
