// schema/scenario.schema.json is generated from the zod schema. Regenerate after changing the
// schema with:  UPDATE_SCHEMA=1 npx vitest run test/scenario/jsonSchema.test.ts
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../../src/replication/scenario.js";

const COMMITTED = fileURLToPath(new URL("../../schema/scenario.schema.json", import.meta.url));

interface Schema {
  readonly properties?: Record<string, Schema>;
  readonly definitions?: Record<string, Schema>;
  readonly anyOf?: readonly Schema[];
  readonly pattern?: string;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
}

const schema = scenarioJsonSchema() as Schema;

/** Every `pattern` under a node. */
function patterns(node: Schema): RegExp[] {
  const own = node.pattern === undefined ? [] : [new RegExp(node.pattern)];
  return [...own, ...(node.anyOf ?? []).flatMap(patterns)];
}

describe("the JSON Schema", () => {
  it("is the committed schema/scenario.schema.json", () => {
    const text = `${JSON.stringify(schema, null, 2)}\n`;
    if (process.env["UPDATE_SCHEMA"] === "1") writeFileSync(COMMITTED, text);
    expect(JSON.parse(readFileSync(COMMITTED, "utf8"))).toEqual(JSON.parse(text));
  });

  it("describes the input side: values with units are strings matching their pattern", () => {
    const duration = patterns(schema.definitions!["duration"]!);
    expect(duration.some((p) => p.test("1h30m"))).toBe(true);
    expect(duration.some((p) => p.test("7 hours"))).toBe(false);
    const rate = patterns(schema.definitions!["rate"]!);
    expect(rate.some((p) => p.test("0.1/year"))).toBe(true);
    expect(rate.some((p) => p.test("0.1"))).toBe(false);
  });

  it("describes one file: strict keys, but nothing required (it may come from extends)", () => {
    expect(Object.keys(schema.properties!)).toEqual([
      "name", "description", "extends", "run", "regionDefaults", "regions", "commonCause", "degradation",
      "partition", "corruption", "replication", "dependencies", "workload", "backup", "costs", "strategyDefaults", "strategies",
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).not.toContain('"required"');
  });
});
