import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { Job, type IJob } from "kubernetes-models/batch/v1";
import { ConfigMap, PersistentVolumeClaim, type IConfigMap, type IPersistentVolumeClaim } from "kubernetes-models/v1";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { kubernetesManifest, studyPaths, type KubernetesOptions } from "../../src/app/scaleout/k8s.js";
import { bundleScenario } from "../../src/app/scaleout/scenarioFiles.js";
import { withReadLog } from "../../src/files.js";
import { loadScenario } from "../../src/replication/scenario.js";
import { shardFromEnvironment } from "../../src/app/scaleout/shardEnv.js";
import { shardRange } from "../../src/montecarlo/shard.js";
import { STUDY_TREE, writeTree } from "./fixtures.js";

const { bundle } = await bundleScenario(join(writeTree(STUDY_TREE), "project/scenarios/study.yaml"));

function options(overrides: Partial<KubernetesOptions> = {}): KubernetesOptions {
  return {
    scenario: bundle,
    image: "ghcr.io/example/drsim:0.1.0",
    shards: 3,
    runs: 1000,
    name: "drsim-study",
    incidentsPerReplication: 1.3,
    ...overrides,
  };
}

interface Study {
  configMap: ConfigMap;
  claim: PersistentVolumeClaim | undefined;
  shards: Job;
  merge: Job;
}

/** Parses the manifest back, builds each object's kubernetes-models class and validates it against the API schema. */
function applied(yaml: string): Study {
  const docs = parseAllDocuments(yaml).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as { kind: string };
  });
  const jobs: Job[] = [];
  let configMap: ConfigMap | undefined;
  let claim: PersistentVolumeClaim | undefined;
  for (const doc of docs) {
    if (doc.kind === "ConfigMap") configMap = new ConfigMap(doc as IConfigMap);
    else if (doc.kind === "PersistentVolumeClaim") claim = new PersistentVolumeClaim(doc as IPersistentVolumeClaim);
    else if (doc.kind === "Job") jobs.push(new Job(doc as IJob));
    else throw new Error(`unexpected kind ${doc.kind}`);
  }
  for (const object of [configMap, claim, ...jobs]) object?.validate();
  expect(configMap).toBeDefined();
  expect(jobs).toHaveLength(2);
  return { configMap: configMap!, claim, shards: jobs[0]!, merge: jobs[1]! };
}

/** Kubernetes' $(VAR) expansion of container args, from the container's own env. */
function expand(arg: string, env: Record<string, string>): string {
  return arg.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
}

function option(args: readonly string[], name: string): string {
  const at = args.indexOf(name);
  expect(at, `${name} in ${args.join(" ")}`).toBeGreaterThanOrEqual(0);
  return args[at + 1]!;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe("drsim k8s manifest", () => {
  it("validates against the Kubernetes API schema (and the check can fail)", () => {
    const study = applied(kubernetesManifest(options()));
    expect(study.claim).toBeDefined();
    const broken = parse(JSON.stringify(study.shards.toJSON())) as IJob;
    (broken.spec as unknown as Record<string, unknown>)["completions"] = "3";
    expect(() => new Job(broken).validate()).toThrow(/completions must be integer/);
  });

  for (const shards of [1, 3, 16]) {
    it(`an Indexed Job of ${shards} completions runs every replication once and the merge reads every shard`, () => {
      const runs = 1001;
      const { shards: job, merge } = applied(kubernetesManifest(options({ shards, runs, parallelism: 4, seed: 7 })));
      const spec = job.spec!;
      expect(spec.completionMode).toBe("Indexed");
      expect(spec.completions).toBe(shards);
      expect(spec.parallelism).toBe(Math.min(4, shards));
      expect(spec.backoffLimitPerIndex).toBe(3);
      expect(spec.maxFailedIndexes).toBe(0);
      expect(spec.template.spec!.restartPolicy).toBe("Never");
      const container = spec.template.spec!.containers[0]!;
      expect(container.resources?.requests).toMatchObject({ cpu: "1" });
      expect(container.resources?.limits?.["memory"]).toBe(container.resources?.requests?.["memory"]);

      const indexVar = container.env!.find((e) => e.name === "JOB_COMPLETION_INDEX")!;
      expect(indexVar.valueFrom?.fieldRef?.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']");
      const hits = new Array<number>(runs).fill(0);
      const outs: string[] = [];
      for (let k = 0; k < shards; k++) {
        // What the pod of completion index k sees: its env, with the index from the downward API.
        const env: Record<string, string> = { JOB_COMPLETION_INDEX: String(k) };
        for (const e of container.env!) if (e.value !== undefined) env[e.name] = e.value;
        const args = (container.args ?? []).map((a) => expand(a, env));
        expect(args[0]).toBe("run");
        expect(option(args, "--shard")).toBe("auto");
        expect(option(args, "--seed")).toBe("7");
        const shard = shardFromEnvironment(env);
        expect(shard).toEqual({ index: k + 1, count: shards });
        const { start, end } = shardRange(Number(option(args, "--runs")), shard.index, shard.count);
        for (let r = start; r < end; r++) hits[r]! += 1;
        outs.push(option(args, "--out"));
      }
      expect(hits.every((h) => h === 1)).toBe(true);
      expect(new Set(outs).size).toBe(shards);

      const mergeArgs = merge.spec!.template.spec!.containers[0]!.args!;
      expect(mergeArgs[0]).toBe("merge");
      expect(mergeArgs.slice(1, 1 + shards)).toEqual(outs);
      expect(option(mergeArgs, "--out")).toBe(studyPaths(options({ shards, runs, seed: 7 })).merged);
      expect(merge.spec!.template.spec!.initContainers![0]!.env).toContainEqual({
        name: "DRSIM_SHARD_COUNT",
        value: String(shards),
      });
    });
  }

  it("mounts the scenario and everything it needs at their relative paths: it loads there, reading nothing else", async () => {
    const { configMap, shards } = applied(kubernetesManifest(options()));
    const pod = shards.spec!.template.spec!;
    const container = pod.containers[0]!;
    const mount = container.volumeMounts!.find((m) => m.name === "scenario")!;
    const volume = pod.volumes!.find((v) => v.name === "scenario")!;
    expect(volume.configMap!.name).toBe(configMap.metadata!.name);
    // What the pod sees under the mount, recreated in a directory standing for it.
    const podRoot = mkdtempSync(join(tmpdir(), "drsim-pod-"));
    for (const item of volume.configMap!.items!) {
      expect(item.key).toMatch(/^[-._a-zA-Z0-9]+$/);
      expect(item.path.split("/")).not.toContain("..");
      mkdirSync(join(podRoot, posix.dirname(item.path)), { recursive: true });
      writeFileSync(join(podRoot, item.path), configMap.data![item.key]!);
    }
    const scenarioArg = container.args![1]!;
    expect(scenarioArg.startsWith(`${mount.mountPath}/`)).toBe(true);
    const entry = join(podRoot, scenarioArg.slice(mount.mountPath.length + 1));
    const { value: loaded, reads } = await withReadLog(() => loadScenario(entry));
    expect(loaded.name).toBe("study");
    for (const read of reads) expect(read.path.startsWith(podRoot), read.path).toBe(true);
    expect(new Set(reads.map((r) => r.path)).size).toBe(bundle.files.length);
  });

  it("puts every object in the namespace, with valid names, and wires the volumes", () => {
    const study = applied(kubernetesManifest(options({ namespace: "research" })));
    for (const object of [study.configMap, study.claim!, study.shards, study.merge]) {
      expect(object.metadata!.namespace).toBe("research");
      expect(object.metadata!.name).toMatch(DNS_LABEL);
      expect(object.metadata!.name!.length).toBeLessThanOrEqual(63);
    }
    for (const job of [study.shards, study.merge]) {
      const pod = job.spec!.template.spec!;
      const volumes = new Set(pod.volumes!.map((v) => v.name));
      for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
        for (const m of c.volumeMounts ?? []) expect(volumes.has(m.name)).toBe(true);
      }
      expect(pod.volumes!.find((v) => v.name === "results")!.persistentVolumeClaim!.claimName).toBe(
        study.claim!.metadata!.name,
      );
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(job.spec!.podFailurePolicy!.rules.map((r) => r.action)).toEqual(["Ignore", "FailJob"]);
    }
    expect(study.claim!.spec!.accessModes).toEqual(["ReadWriteMany"]);
  });

  it("uses an existing claim with --pvc and creates none", () => {
    const study = applied(kubernetesManifest(options({ pvc: "shared-results" })));
    expect(study.claim).toBeUndefined();
    expect(study.shards.spec!.template.spec!.volumes!.find((v) => v.name === "results")!.persistentVolumeClaim!.claimName).toBe(
      "shared-results",
    );
  });

  it("turns --cpu into the worker count and resources", () => {
    const container = applied(kubernetesManifest(options({ cpu: "2500m", memory: "3Gi" }))).shards.spec!.template.spec!
      .containers[0]!;
    expect(option(container.args!, "--workers")).toBe("2");
    expect(container.resources).toEqual({ requests: { cpu: "2500m", memory: "3Gi" }, limits: { cpu: "2500m", memory: "3Gi" } });
  });

  it("refuses unusable options with a UserError", () => {
    expect(() => kubernetesManifest(options({ name: "Drsim_Study" }))).toThrow(UserError);
    expect(() => kubernetesManifest(options({ name: "x".repeat(51) }))).toThrow(UserError);
    expect(() => kubernetesManifest(options({ shards: 0 }))).toThrow(UserError);
    expect(() => kubernetesManifest(options({ shards: 2000, runs: 1000 }))).toThrow(/more than --runs/);
    expect(() => kubernetesManifest(options({ cpu: "two" }))).toThrow(/--cpu/);
    expect(() => kubernetesManifest(options({ memory: "4 GB" }))).toThrow(/--memory/);
    expect(() => kubernetesManifest(options({ image: "" }))).toThrow(/--image/);
    const big = { ...bundle, files: [...bundle.files, { path: "data/big.csv", content: "x".repeat(1024 * 1024) }] };
    expect(() => kubernetesManifest(options({ shards: 100_001, runs: 1e6 }))).toThrow(/at most 100000/);
    expect(() => kubernetesManifest(options({ scenario: big }))).toThrow(/1 MiB/);
  });

  it("names the study directory by its inputs", () => {
    const a = studyPaths(options());
    expect(studyPaths(options())).toEqual(a);
    expect(studyPaths(options({ runs: 1001 })).study).not.toBe(a.study);
    expect(studyPaths(options({ image: "drsim:other" })).study).not.toBe(a.study);
    const edited = { ...bundle, files: bundle.files.map((f, i) => (i === 1 ? { ...f, content: `${f.content}#\n` } : f)) };
    expect(studyPaths(options({ scenario: edited })).study).not.toBe(a.study);
  });
});

describe("the merge Job's wait for the shards", () => {
  function waitScript(): { command: string[]; env: Record<string, string> } {
    const init = applied(kubernetesManifest(options({ shards: 3 }))).merge.spec!.template.spec!.initContainers![0]!;
    const env: Record<string, string> = {};
    for (const e of init.env!) env[e.name] = e.value!;
    return { command: init.command!, env };
  }

  it("exits only once every shard directory holds its manifest", async () => {
    const { command, env } = waitScript();
    expect(command.slice(0, 2)).toEqual(["node", "-e"]);
    const dir = mkdtempSync(join(tmpdir(), "drsim-wait-"));
    const marker = (k: number): void => {
      mkdirSync(join(dir, String(k)), { recursive: true });
      writeFileSync(join(dir, String(k), env["SHARD_MARKER"]!), "{}");
    };
    marker(0);
    marker(2);
    mkdirSync(join(dir, "1"), { recursive: true }); // started, not complete
    const child = spawn(process.execPath, command.slice(1), {
      env: { ...env, SHARDS_DIR: dir, POLL_SECONDS: "0.05" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    let exited = false;
    const done = new Promise<number | null>((resolve) => child.on("exit", (code) => ((exited = true), resolve(code))));
    await new Promise((r) => setTimeout(r, 600));
    expect(exited).toBe(false);
    expect(output).toContain("2/3 shards complete");
    marker(1);
    expect(await done).toBe(0);
    expect(output).toContain("3/3 shards complete");
  });
});
