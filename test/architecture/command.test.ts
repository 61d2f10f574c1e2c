// The recipe for a command (docs/architecture.md, "A command"), worked on `drsim trace`: the work is
// a use case (src/app/trace.ts: options in, data out), its words a renderer (src/report/trace.ts),
// and the command (src/cli/commands/trace.ts) only maps flags to options and prints. So the
// command's output is exactly the renderer applied to the use case's result. And every command
// module is registered once in COMMANDS, with an example in its help.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { traceReplication } from "../../src/app/trace.js";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { traceText } from "../../src/report/trace.js";
import { DEFAULT_SCENARIO, drsim, ROOT } from "../cli/helpers.js";

describe("a command, worked on drsim trace", () => {
  it("prints exactly what its renderer makes of its use case's result", async () => {
    // Step 1: the use case, called as a function (as the library does).
    const { records } = await traceReplication({
      scenario: DEFAULT_SCENARIO,
      strategy: "warm-standby",
      replication: 42,
      seed: 7,
      overrides: [{ path: "regionDefaults.outage.rate", value: "3/year" }],
    });
    // Three outages a year: the replication has events to show.
    expect(records.length).toBeGreaterThan(10);
    // Steps 2 and 3: the renderer, and the command that wires flags to the same options.
    for (const format of ["csv", "jsonl"] as const) {
      const r = drsim([
        "trace", DEFAULT_SCENARIO, "--strategy", "warm-standby", "--replication", "42", "--seed", "7",
        "--set", "regionDefaults.outage.rate=3/year", "--format", format,
      ]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(traceText(records, format));
    }
  });

  it("step 4: every module of src/cli/commands/ has one COMMANDS line, and defines its flags with an example", async () => {
    const files = readdirSync(join(ROOT, "src/cli/commands"))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.replace(/\.ts$/, ""));
    const names = COMMANDS.map((c) => c.name);
    expect([...names].sort()).toEqual(files.sort());
    expect(new Set(names).size).toBe(names.length);
    for (const entry of COMMANDS) {
      const program = new Command("drsim");
      const cmd = program.command(entry.name).description(entry.summary);
      (await entry.load()).define(cmd);
      let help = "";
      cmd.configureOutput({ writeOut: (text) => void (help += text) });
      cmd.outputHelp();
      expect(help, entry.name).toMatch(new RegExp(`Example[\\s\\S]*\\$ drsim ${entry.name}\\b`));
    }
  });
});
