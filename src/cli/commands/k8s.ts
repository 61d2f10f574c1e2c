// drsim k8s SCENARIO: print the Kubernetes manifest of a sharded study (Indexed Job + merge Job).
import type { Command } from "commander";
import { nonNegativeInteger, positiveInteger, replications, shardCount } from "../options.js";
import { kubernetesManifest } from "../../app/scaleout/k8s.js";
import { nameFromScenario } from "../../app/scaleout/names.js";
import { incidentsPerReplication } from "../../app/scaleout/pilot.js";
import { bundleScenario } from "../../app/scaleout/scenarioFiles.js";

interface K8sFlags {
  shards: number;
  runs: number;
  image: string;
  name?: string;
  namespace?: string;
  seed?: number;
  parallelism?: number;
  cpu: string;
  memory?: string;
  mergeMemory?: string;
  pvc?: string;
  storage?: string;
  storageClass?: string;
  retries: number;
}

export function define(cmd: Command): void {
  cmd
    .argument("<scenario>", "scenario file (YAML); it and every file it extends or reads go into a ConfigMap")
    .requiredOption("--shards <n>", "number of shards (the Indexed Job's completions, at most 100000)", shardCount)
    .requiredOption("-n, --runs <n>", "replications of the whole study (1e8 allowed; at most 1e10)", replications)
    .requiredOption("--image <image>", "the drsim container image (see the Dockerfile)")
    .option("--name <name>", "base name of the objects (default: drsim-<scenario>)")
    .option("--namespace <ns>", "namespace of every object (default: kubectl's current one)")
    .option("--seed <seed>", "master seed (default: the scenario's run.seed)", nonNegativeInteger)
    .option("--parallelism <n>", "shard pods running at once (default: all)", positiveInteger)
    .option("--cpu <quantity>", "CPU per shard pod, request = limit; whole cores become --workers", "1")
    .option("--memory <quantity>", "memory per shard pod (default: estimated from its replications)")
    .option("--merge-memory <quantity>", "memory of the merge pod (default: 2Gi; the merge streams, so it does not grow with --runs)")
    .option("--pvc <claim>", "an existing ReadWriteMany claim for the results (default: create <name>-results)")
    .option("--storage <size>", "size of the created claim (default: estimated from --runs)")
    .option("--storage-class <class>", "storage class of the created claim (must offer ReadWriteMany)")
    .option("--retries <n>", "retries of each shard before the study fails (backoffLimitPerIndex)", nonNegativeInteger, 3)
    .addHelpText(
      "after",
      `
Prints a multi-document YAML: ConfigMap (the scenario), PersistentVolumeClaim (results), an Indexed Job
(index k runs shard k+1/N with --shard auto) and a merge Job that waits for all N shards, then merges.
Needs Kubernetes ≥ 1.29 (backoffLimitPerIndex). See docs/scaling-out.md.

Example:
  $ drsim k8s scenarios/default.yaml --shards 100 --runs 1e8 --image ghcr.io/acme/drsim:0.1.0 --cpu 2 > study.yaml
  $ kubectl apply -f study.yaml`,
    )
    .action(async (scenario: string, flags: K8sFlags) => {
      // A scenario error is reported here, not in N pods; the files the load read are what the pods need.
      const { scenario: loaded, bundle } = await bundleScenario(scenario);
      const manifest = kubernetesManifest({
        scenario: bundle,
        incidentsPerReplication: flags.memory === undefined ? await incidentsPerReplication(loaded, flags.seed) : 0,
        image: flags.image,
        shards: flags.shards,
        runs: flags.runs,
        name: flags.name ?? nameFromScenario(scenario),
        namespace: flags.namespace,
        seed: flags.seed,
        parallelism: flags.parallelism,
        cpu: flags.cpu,
        memory: flags.memory,
        mergeMemory: flags.mergeMemory,
        pvc: flags.pvc,
        storage: flags.storage,
        storageClass: flags.storageClass,
        backoffLimitPerIndex: flags.retries,
      });
      process.stdout.write(manifest);
    });
}
