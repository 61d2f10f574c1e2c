// Each failure process draws only from the world streams it declares (FailureProcess.streams), and
// no two declare the same: so adding, removing or reordering processes shifts no other process's
// numbers. Checked by watching every stream name the world's code asks for, process by process,
// while a busy world (every process on) is drawn and its backups looked up.
import { describe, expect, it, vi } from "vitest";
import { REGISTRIES } from "../../src/replication/registries.js";
import type { CompiledProcess, FailureProcess } from "../../src/world/process.js";
import { WorldSampler } from "../../src/world/sample.js";
import { makeTraffic } from "../../src/world/traffic.js";
import type { BackupSchedule, WorldDraft } from "../../src/world/types.js";
import { fixed, HOUR, region, scenario, YEAR } from "./fixture.js";

const seen = vi.hoisted(() => ({ current: "(no process)", names: new Map<string, Set<string>>() }));

vi.mock("../../src/random/streams.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/random/streams.js")>();
  const note = (name: string): void => {
    let names = seen.names.get(seen.current);
    if (names === undefined) seen.names.set(seen.current, (names = new Set()));
    names.add(name);
  };
  return {
    ...real,
    streamKey: (name: string) => (note(name), real.streamKey(name)),
    streamFor: (seed: number, replication: number, name: string) => (note(name), real.streamFor(seed, replication, name)),
  };
});

/** `p`, with every call into it (compile, draw, derive, its backup schedule) noted as its own. */
function watched(p: FailureProcess): FailureProcess {
  const as = <T>(f: () => T): T => {
    seen.current = p.name;
    try {
      return f();
    } finally {
      seen.current = "(no process)";
    }
  };
  const schedule = (s: BackupSchedule): BackupSchedule => ({
    lastRestorePoint: (...args) => as(() => s.lastRestorePoint(...args)),
    pointInTime: (time) => as(() => s.pointInTime(time)),
    restoreThroughput: s.restoreThroughput,
  });
  return {
    ...p,
    compile: (s, run) => {
      const c = as(() => p.compile(s, run));
      const out: CompiledProcess = {};
      if (c.draw) {
        out.draw = (world: WorldDraft) => {
          const before = world.backupSchedule;
          as(() => c.draw!(world));
          if (world.backupSchedule !== before && world.backupSchedule !== null) world.backupSchedule = schedule(world.backupSchedule);
        };
      }
      if (c.derive) out.derive = (world: WorldDraft) => as(() => c.derive!(world));
      return out;
    },
  };
}

/** "outage:<region>" matches "outage:us-east-1". */
const pattern = (template: string): RegExp =>
  new RegExp(`^${template.split(/<[^>]+>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+")}$`);

describe("world streams", () => {
  it("are each process's own: declared by it alone, and all it draws from", () => {
    const declared = REGISTRIES.processes.flatMap((p) => p.streams);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.filter((s) => s.startsWith("strategy:"))).toEqual([]);

    const s = scenario({
      regions: [region("a", { rate: 6 / YEAR }), region("b", { rate: 6 / YEAR })],
      commonCause: { beta: 0.3 },
      degradation: { rate: 6 / YEAR, duration: fixed(HOUR), remainingCapacity: fixed(0.5) },
      partition: { rate: 6 / YEAR, duration: fixed(HOUR) },
      corruption: { rate: 6 / YEAR, detection: fixed(HOUR) },
      dependencies: { dns: { rate: 6 / YEAR, duration: fixed(HOUR), blocks: ["switchTraffic"], serviceDown: true } },
      replication: { baselineLag: fixed(1), spikes: { rate: 50 / YEAR, magnitude: fixed(10), duration: fixed(HOUR) }, bandwidth: 1e12 },
    });
    const sampler = new WorldSampler(REGISTRIES.processes.map(watched), s, { horizon: YEAR, traffic: makeTraffic(s.workload) });
    for (let r = 0; r < 20; r++) {
      const world = sampler.sample(1, r);
      world.backups.lastRestorePoint(HOUR * 100, HOUR * 100, true);
    }
    expect(seen.names.get("(no process)")).toBeUndefined();
    for (const p of REGISTRIES.processes) {
      const used = [...(seen.names.get(p.name) ?? [])];
      const templates = p.streams.map(pattern);
      for (const name of used) expect(templates.some((t) => t.test(name)), `${p.name} draws from "${name}"`).toBe(true);
      for (const [i, t] of templates.entries()) expect(used.some((name) => t.test(name)), `${p.name} never draws from ${p.streams[i]}`).toBe(true);
    }
  });
});
