// `drsim k8s`: the Kubernetes objects of a sharded study, as one multi-document YAML to `kubectl apply`.
//
//  ConfigMap   the scenario and every file it needs, mounted at /scenario keeping relative paths
//  PVC         the results volume (ReadWriteMany), unless --pvc names an existing claim
//  Job         Indexed: completion index k runs shard k+1 of N into <study>/shards/k
//  Job         merge: an init container waits until all N shards are complete, then `drsim merge`
//
// Kubernetes has no Job-to-Job dependency. The merge Job waits for the shards' completion markers on
// the shared volume rather than for the shards Job's condition: one `kubectl apply` runs the whole
// study, no client has to stay connected, and no RBAC is needed. It is exact because the runner writes
// every file under a temporary name and renames it, the marker last, and because a shard's bytes
// depend only on (scenario, seed, range): a retried shard rewrites identical files. Results live
// under a study directory named by a hash of everything that determines them, so markers left by an
// earlier, different study on the same volume can never be mistaken for this one's.
import { createHash } from "node:crypto";
import { UserError } from "../../errors.js";
import { SHARD_MANIFEST } from "../../store/shardManifest.js";
import { MAX_SHARDS } from "./limits.js";
import { commentText, yamlDocument } from "./manifestYaml.js";
import { checkName } from "./names.js";
import { cpuCores, kubernetesMemory, memoryEstimateMiB, memoryQuantity, MERGE_MEMORY_MIB, storageEstimateGiB, workersFor } from "./resources.js";
import type { ScenarioBundle } from "./scenarioFiles.js";
import { K8S_INDEX_VAR, SHARD_COUNT_VAR } from "./shardEnv.js";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type KubeObject = { [key: string]: Json };

/** The runner writes a shard's manifest last, atomically: its presence means the shard is complete. */
export const SHARD_MARKER = SHARD_MANIFEST;
export const SCENARIO_MOUNT = "/scenario";
export const RESULTS_MOUNT = "/results";
/** uid/gid of the image's non-root user (`node` in the official Node images). */
export const IMAGE_UID = 1000;
/** Kubernetes refuses a ConfigMap whose data exceeds 1 MiB. */
export const CONFIGMAP_LIMIT = 1024 * 1024;

export interface KubernetesOptions {
  readonly scenario: ScenarioBundle;
  readonly image: string;
  readonly shards: number;
  /** Replications of the whole study, split over the shards. */
  readonly runs: number;
  /** Base of every object name (a DNS label, ≤ 50 characters). */
  readonly name: string;
  readonly namespace?: string;
  readonly seed?: number;
  /** Shard pods running at once; default: all of them. */
  readonly parallelism?: number;
  /** CPU of each shard pod (request = limit); its whole cores become `--workers`. Default "1". */
  readonly cpu?: string;
  /** Memory of each shard pod (request = limit). Default: estimated from its replications. */
  readonly memory?: string;
  /** Memory of the merge pod. Default: MERGE_MEMORY_MIB (the merge streams; its memory does not grow with the study). */
  readonly mergeMemory?: string;
  /** An existing ReadWriteMany claim for the results; default: a claim `<name>-results` created here. */
  readonly pvc?: string;
  /** Size of the created claim. Default: estimated from the runs. */
  readonly storage?: string;
  readonly storageClass?: string;
  /** Retries of each index before it fails (and with it, the Job). Default 3. */
  readonly backoffLimitPerIndex?: number;
  /** Incidents per replication of the scenario (pilot.ts), for the memory estimate. */
  readonly incidentsPerReplication: number;
}

export interface StudyPaths {
  /** Hash of everything that determines the results. */
  readonly study: string;
  /** Directory of completion index k is `${shards}/${k}`. */
  readonly shards: string;
  readonly merged: string;
}

/** Where the study's results go on the results volume (as mounted in the pods). */
export function studyPaths(options: KubernetesOptions): StudyPaths {
  const identity = JSON.stringify([options.image, options.runs, options.shards, options.seed ?? null, options.scenario]);
  const study = createHash("sha256").update(identity).digest("hex").slice(0, 12);
  const base = `${RESULTS_MOUNT}/${options.name}/${study}`;
  return { study, shards: `${base}/shards`, merged: `${base}/merged` };
}

function labels(name: string, component: string): KubeObject {
  return { "app.kubernetes.io/name": "drsim", "app.kubernetes.io/instance": name, "app.kubernetes.io/component": component };
}

function metadata(options: KubernetesOptions, name: string, component: string): KubeObject {
  return {
    name,
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    labels: labels(options.name, component),
  };
}

/** ConfigMap keys can't hold "/": number the files and map each key back to its relative path. */
function configMapKey(index: number, path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1).replace(/[^-._a-zA-Z0-9]/g, "_");
  return `${index}-${base}`.slice(0, 253);
}

function scenarioConfigMap(options: KubernetesOptions): { object: KubeObject; items: KubeObject[] } {
  const data: KubeObject = {};
  const items: KubeObject[] = [];
  let size = 0;
  options.scenario.files.forEach((file, index) => {
    const key = configMapKey(index, file.path);
    data[key] = file.content;
    items.push({ key, path: file.path });
    size += Buffer.byteLength(key) + Buffer.byteLength(file.content);
  });
  if (size > CONFIGMAP_LIMIT) {
    throw new UserError(
      `the scenario and the files it needs hold ${size} bytes, over the 1 MiB a ConfigMap can carry; ` +
        `build them into the image (see docs/scaling-out.md)`,
    );
  }
  return { object: { apiVersion: "v1", kind: "ConfigMap", metadata: metadata(options, `${options.name}-scenario`, "scenario"), data }, items };
}

function resultsClaim(options: KubernetesOptions, claimName: string): KubeObject {
  const spec: KubeObject = {
    accessModes: ["ReadWriteMany"],
    resources: { requests: { storage: options.storage ?? `${storageEstimateGiB(options.runs)}Gi` } },
  };
  if (options.storageClass !== undefined) spec["storageClassName"] = options.storageClass;
  return { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: metadata(options, claimName, "results"), spec };
}

const podSecurity: KubeObject = {
  runAsNonRoot: true,
  runAsUser: IMAGE_UID,
  runAsGroup: IMAGE_UID,
  fsGroup: IMAGE_UID,
  seccompProfile: { type: "RuntimeDefault" },
};
const containerSecurity: KubeObject = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };

/** Ignore disruptions (preemption, eviction, node drain); a usage error (exit 2) fails the Job at once. */
function failurePolicy(container: string, onUsageError: "FailJob" | "FailIndex"): KubeObject {
  return {
    rules: [
      { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] },
      { action: onUsageError, onExitCodes: { containerName: container, operator: "In", values: [2] } },
    ],
  };
}

/**
 * A container argument taken literally. Kubernetes expands `$(VAR)` in args (and reads `$$` as `$`),
 * so a file named `$(DRSIM_SHARD_COUNT).yaml` would otherwise become another path.
 */
function literalArg(text: string): string {
  return text.replaceAll("$", "$$$$");
}

function shardsJob(options: KubernetesOptions, claimName: string, items: KubeObject[], paths: StudyPaths): KubeObject {
  const cores = cpuCores(options.cpu ?? "1");
  const workers = workersFor(cores);
  const perShard = Math.ceil(options.runs / options.shards);
  const load = { replications: perShard, incidentsPerReplication: options.incidentsPerReplication, workers };
  const memory = options.memory ?? kubernetesMemory(memoryEstimateMiB(load));
  const args = [
    ...[
      "run",
      `${SCENARIO_MOUNT}/${options.scenario.entry}`,
      "--runs",
      String(options.runs),
      ...(options.seed === undefined ? [] : ["--seed", String(options.seed)]),
      "--shard",
      "auto",
      "--workers",
      String(workers),
      "--out",
    ].map(literalArg),
    // The one expansion we want: the pod's completion index.
    `${literalArg(paths.shards)}/$(${K8S_INDEX_VAR})`,
  ];
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: metadata(options, options.name, "shards"),
    spec: {
      completionMode: "Indexed",
      completions: options.shards,
      parallelism: Math.min(options.parallelism ?? options.shards, options.shards),
      backoffLimitPerIndex: options.backoffLimitPerIndex ?? 3,
      // The merge needs every shard: one index out of retries fails the Job instead of running on.
      maxFailedIndexes: 0,
      podFailurePolicy: failurePolicy("drsim", "FailJob"),
      template: {
        metadata: { labels: labels(options.name, "shards") },
        spec: {
          restartPolicy: "Never",
          securityContext: podSecurity,
          containers: [
            {
              name: "drsim",
              image: options.image,
              args,
              env: [
                // The Job controller adds this variable too; declaring it makes $(…) in args explicit.
                {
                  name: K8S_INDEX_VAR,
                  valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
                },
                { name: SHARD_COUNT_VAR, value: String(options.shards) },
              ],
              resources: { requests: { cpu: options.cpu ?? "1", memory }, limits: { cpu: options.cpu ?? "1", memory } },
              securityContext: containerSecurity,
              volumeMounts: [
                { name: "scenario", mountPath: SCENARIO_MOUNT, readOnly: true },
                { name: "results", mountPath: RESULTS_MOUNT },
              ],
            },
          ],
          volumes: [
            { name: "scenario", configMap: { name: `${options.name}-scenario`, items } },
            { name: "results", persistentVolumeClaim: { claimName } },
          ],
        },
      },
    },
  };
}

/** Polls the shard directories until every one holds its marker (node is in the image; no shell needed). */
const WAIT_SCRIPT = `const { existsSync } = require("node:fs");
const dir = process.env.SHARDS_DIR, marker = process.env.SHARD_MARKER, n = Number(process.env.${SHARD_COUNT_VAR});
const every = 1000 * Number(process.env.POLL_SECONDS || 15);
const missing = new Set(Array.from({ length: n }, (_, k) => k));
let reported = -1;
(function poll() {
  for (const k of missing) if (existsSync(dir + "/" + k + "/" + marker)) missing.delete(k);
  if (missing.size !== reported) console.log(new Date().toISOString(), n - missing.size + "/" + n + " shards complete");
  reported = missing.size;
  if (missing.size === 0) return;
  setTimeout(poll, every);
})();
`;

function mergeJob(options: KubernetesOptions, claimName: string, paths: StudyPaths): KubeObject {
  const mergeMemory = options.mergeMemory ?? kubernetesMemory(MERGE_MEMORY_MIB);
  const shardDirs = Array.from({ length: options.shards }, (_, k) => `${paths.shards}/${k}`);
  const results = [{ name: "results", mountPath: RESULTS_MOUNT }];
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: metadata(options, `${options.name}-merge`, "merge"),
    spec: {
      backoffLimit: 2,
      podFailurePolicy: failurePolicy("merge", "FailJob"),
      template: {
        metadata: { labels: labels(options.name, "merge") },
        spec: {
          restartPolicy: "Never",
          securityContext: podSecurity,
          initContainers: [
            {
              name: "wait-for-shards",
              image: options.image,
              command: ["node", "-e", WAIT_SCRIPT],
              env: [
                { name: "SHARDS_DIR", value: paths.shards },
                { name: "SHARD_MARKER", value: SHARD_MARKER },
                { name: SHARD_COUNT_VAR, value: String(options.shards) },
              ],
              resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "128Mi" } },
              securityContext: containerSecurity,
              volumeMounts: results,
            },
          ],
          containers: [
            {
              name: "merge",
              image: options.image,
              args: ["merge", ...shardDirs, "--out", paths.merged].map(literalArg),
              resources: { requests: { cpu: "1", memory: mergeMemory }, limits: { memory: mergeMemory } },
              securityContext: containerSecurity,
              volumeMounts: results,
            },
          ],
          volumes: [{ name: "results", persistentVolumeClaim: { claimName } }],
        },
      },
    },
  };
}

/** The names Kubernetes accepts for claims and storage classes. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

function checkOptions(options: KubernetesOptions): void {
  checkName(options.name);
  if (options.namespace !== undefined) checkName(options.namespace, "--namespace");
  for (const [option, value] of [
    ["--pvc", options.pvc],
    ["--storage-class", options.storageClass],
  ] as const) {
    if (value !== undefined && !DNS_SUBDOMAIN.test(value)) throw new UserError(`${option} ${JSON.stringify(value)}: not a valid object name`);
  }
  if (options.image.trim() === "" || /\s/.test(options.image)) throw new UserError(`--image: expected an image reference`);
  for (const [option, value] of [
    ["--shards", options.shards],
    ["--runs", options.runs],
    ["--parallelism", options.parallelism ?? 1],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new UserError(`${option} ${value}: expected a positive integer`);
  }
  if (options.shards > options.runs) {
    throw new UserError(`--shards ${options.shards} is more than --runs ${options.runs}: some shards would be empty`);
  }
  if (options.shards > MAX_SHARDS) throw new UserError(`--shards ${options.shards}: an Indexed Job allows at most ${MAX_SHARDS} completions`);
  const limit = options.backoffLimitPerIndex ?? 3;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new UserError(`--retries ${limit}: expected a non-negative integer`);
  if (options.memory !== undefined) memoryQuantity(options.memory, "--memory");
  if (options.mergeMemory !== undefined) memoryQuantity(options.mergeMemory, "--merge-memory");
  if (options.storage !== undefined) memoryQuantity(options.storage, "--storage");
  cpuCores(options.cpu ?? "1");
}

/** The study's objects, in the order to apply them. Throws a UserError for unusable options. */
export function kubernetesObjects(options: KubernetesOptions): KubeObject[] {
  checkOptions(options);
  const paths = studyPaths(options);
  const claimName = options.pvc ?? `${options.name}-results`;
  const { object: configMap, items } = scenarioConfigMap(options);
  return [
    configMap,
    ...(options.pvc === undefined ? [resultsClaim(options, claimName)] : []),
    shardsJob(options, claimName, items, paths),
    mergeJob(options, claimName, paths),
  ];
}

/** The study as a multi-document YAML ready for `kubectl apply -f -`, with a header saying how to follow it. */
export function kubernetesManifest(options: KubernetesOptions): string {
  const objects = kubernetesObjects(options);
  const paths = studyPaths(options);
  const ns = options.namespace === undefined ? "" : ` -n ${options.namespace}`;
  const header = [
    `# drsim study ${paths.study}: ${commentText(options.scenario.entry)}, ${options.runs} replications in ${options.shards} shards.`,
    `#   kubectl apply${ns} -f <this file>`,
    `#   kubectl get${ns} job ${options.name} -w             # shards (${options.shards} completions)`,
    `#   kubectl wait${ns} --for=condition=complete --timeout=24h job/${options.name}-merge`,
    `# Results on claim ${options.pvc ?? `${options.name}-results`}: ${paths.merged.slice(RESULTS_MOUNT.length + 1)}/`,
    `# (shard k+1 of ${options.shards} in ${paths.shards.slice(RESULTS_MOUNT.length + 1)}/k). See docs/scaling-out.md.`,
  ];
  // The header's values are checked names, numbers and a JSON-quoted path: none can start a line.
  if (header.some((line) => /[\r\n\u0085\u2028\u2029]/.test(line))) throw new Error("manifest header: a line holds a line break");
  const docs = objects.map((object) => `---\n${yamlDocument(object)}`);
  return `${header.join("\n")}\n${docs.join("")}`;
}
