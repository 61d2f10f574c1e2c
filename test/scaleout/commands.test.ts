// `drsim k8s`, `drsim slurm` and `drsim run --shard auto` through the built CLI.
import { Job, type IJob } from "kubernetes-models/batch/v1";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { drsim } from "./cli.js";

describe("drsim k8s", () => {
  it("prints a manifest that parses back into valid objects", () => {
    const result = drsim(["k8s", "scenarios/default.yaml", "--shards", "3", "--runs", "1e4", "--image", "drsim:test", "--cpu", "2"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const docs = parseAllDocuments(result.stdout).map((d) => d.toJS() as { kind: string });
    expect(docs.map((d) => d.kind)).toEqual(["ConfigMap", "PersistentVolumeClaim", "Job", "Job"]);
    const [shards, merge] = docs.filter((d) => d.kind === "Job").map((d) => new Job(d as IJob));
    shards!.validate();
    merge!.validate();
    const args = shards!.spec!.template.spec!.containers[0]!.args!;
    expect(args.slice(0, 4)).toEqual(["run", "/scenario/scenarios/default.yaml", "--runs", "10000"]);
    expect(args).toContain("auto");
    expect(shards!.metadata!.name).toBe("drsim-default");
    // The default scenario extends the calibrated models: they are mounted next to it.
    const items = shards!.spec!.template.spec!.volumes!.find((v) => v.name === "scenario")!.configMap!.items!;
    expect(items.map((i) => i.path)).toContain("models/outages.yaml");
  });

  it("exits 2 on a missing option or a bad scenario", () => {
    const noImage = drsim(["k8s", "scenarios/default.yaml", "--shards", "3", "--runs", "100"]);
    expect(noImage.status).toBe(2);
    expect(noImage.stderr).toMatch(/--image/);
    const badShards = drsim(["k8s", "scenarios/default.yaml", "--shards", "x", "--runs", "100", "--image", "i"]);
    expect(badShards.status).toBe(2);
    const missing = drsim(["k8s", "scenarios/nope.yaml", "--shards", "3", "--runs", "100", "--image", "i"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml/);
    expect(missing.stdout).toBe("");
  });
});

describe("drsim slurm", () => {
  it("prints the array and the dependent merge", () => {
    const result = drsim(["slurm", "scenarios/default.yaml", "--shards", "4", "--runs", "1000", "--partition", "short"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^#SBATCH --array=1-4$/m);
    expect(result.stdout).toContain('--dependency="afterok:${array_job}"');
    expect(result.stdout).toContain("exec drsim merge results/drsim-default/shards/{1..4} --out results/drsim-default/merged");
    expect(result.stdout).toContain(`cd ${process.cwd()}`);
  });

  it("exits 2 on a value sbatch can't take", () => {
    const result = drsim(["slurm", "scenarios/default.yaml", "--shards", "4", "--runs", "1000", "--out", "my results"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--out/);
  });
});

describe("drsim run --shard auto", () => {
  it("says what it needs outside a Kubernetes Indexed Job or a Slurm array", () => {
    const result = drsim(["run", "scenarios/default.yaml", "-n", "10", "--shard", "auto", "--out", "test-artifacts/never"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/JOB_COMPLETION_INDEX.*SLURM_ARRAY_TASK_ID/);
  });
});
