// report.html's inputs and assumptions: every value the scenario wrote (itself, the models/ files
// it extends, --set overrides), with its unit, where it was written and the comment that cites its
// source — the loader records them (scenario/provenance.ts) in scenario.json. Grouped by the part
// of the scenario they set; values marked "assumption" in their source are flagged as such. The
// run's size and seed are the method's; the targets are the decision's.
import type { WrittenInput } from "../../scenario/provenance.js";
import type { RunData } from "../charts/load/run.js";
import { escapeHtml } from "./escape.js";
import { el, html, join, table, type Html } from "./markup.js";

/** A dotted path that may break after each dot, never inside a name. */
function path(p: string): Html {
  return html(`<code>${escapeHtml(p).replaceAll(".", ".<wbr>")}</code>`);
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const NUMBER_WITH_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([A-Za-z%/][A-Za-z0-9%/ ]*)$/;

/** The unit of a plain number, from the field it sets (its name says it, as the schema's do). */
function unitOfField(path: string): string {
  const field = path.split(".").pop()!;
  if (/USD/.test(field)) return field.endsWith("PerMinute") ? "USD/min" : field.endsWith("PerHour") ? "USD/h" : field.endsWith("PerGBMonth") ? "USD/GB-month" : field.endsWith("PerGB") ? "USD/GB" : field.endsWith("PerYear") ? "USD/year" : "USD";
  if (/probability|Probability|beta|Fraction|fraction|remainingCapacity/.test(field)) return "fraction";
  if (/perYear/.test(field)) return "/year";
  if (/Days$/.test(field)) return "days";
  if (/requestsPerSecond/.test(field)) return "requests/s";
  if (/slowdown|Factor|factor|Amplitude|maxAttempts|Hour$/.test(field)) return field === "peakHour" ? "hour (UTC)" : "";
  return "";
}

/** A value as shown: its number and its unit apart when it has one; a distribution as written. */
export function valueAndUnit(input: WrittenInput): { value: string; unit: string } {
  const v = input.value;
  if (v.startsWith("{")) return { value: v.slice(1, -1), unit: "distribution" };
  const m = NUMBER_WITH_UNIT.exec(v);
  if (m !== null) return { value: m[1]!, unit: m[2]!.trim() };
  if (NUMBER.test(v)) return { value: v, unit: unitOfField(input.path) };
  return { value: v, unit: "" };
}

const GROUPS: readonly { readonly title: string; readonly test: (path: string) => boolean }[] = [
  { title: "Regions and their failures", test: (p) => p.startsWith("region") || p.startsWith("commonCause") },
  { title: "Other failure processes and replication", test: (p) => /^(degradation|partition|corruption|replication)\b/.test(p) },
  { title: "Workload and backups", test: (p) => /^(workload|backup)\b/.test(p) },
  { title: "Costs", test: (p) => p.startsWith("costs") },
  { title: "Strategies: steps, policies, drills", test: (p) => p.startsWith("strategy") },
];

export function inputsHtml(run: RunData): Html {
  const shown = run.inputs.filter((i) => !i.path.startsWith("run.") && !i.path.startsWith("targets."));
  if (shown.length === 0) {
    return join([el("h2", {}, "Inputs and assumptions"), el("p", {}, "This run's scenario.json does not record where its values came from (written by an older drsim): see the scenario file.")]);
  }
  const rest = shown.filter((i) => !GROUPS.some((g) => g.test(i.path)));
  const groups = [...GROUPS.map((g) => ({ title: g.title, inputs: shown.filter((i) => g.test(i.path)) })), { title: "Other", inputs: rest }].filter((g) => g.inputs.length > 0);
  const assumptions = shown.filter((i) => /^assumption/i.test(i.source)).length;
  const sections = groups.map((g) =>
    table(
      "inputs",
      ["Field", "Value", "Unit", "From", "Source"],
      g.inputs.map((i) => {
        const { value, unit } = valueAndUnit(i);
        const source = i.source === "" ? html('<span class="muted">—</span>') : /^assumption/i.test(i.source) ? el("span", { class: "assumption" }, i.source) : i.source;
        return [path(i.path), value, unit, el("code", {}, i.from), source];
      }),
      g.title,
    ),
  );
  return join(
    [
      el("h2", {}, "Inputs and assumptions"),
      el(
        "p",
        {},
        `Every value the scenario writes (${shown.length}, of which ${assumptions} are stated assumptions, shaded), where it is written (file:line, relative to the scenario file; --set for a command-line override) and the comment there that cites its source — reference/SOURCES.md, a fitted data file, or "assumption: why". Fields the scenario leaves out take drsim's neutral defaults (docs/scenario-format.md).`,
      ),
      ...sections,
    ],
    "\n",
  );
}
