// `drsim plan`'s report as a terminal text and Markdown: the chosen plan service by service, its
// flows, where each one's downtime comes from, the plans it was compared with and what each
// rejected one misses, how the choice was made and whether a fresh seed confirms it.
import type { PlanEvidence, PortfolioPlan } from "../analysis/plan.js";
import { worstShortfall } from "../analysis/planEvidence.js";
import { availabilityPercent, count, duration, probabilityWithCi, usd, usdWithCi } from "./numbers.js";
import {
  PROCEDURE_CITATIONS,
  causeText,
  planName,
  planStrategies,
  rejectionText,
  targetText,
  tierText,
  unmetText,
  yearsText,
} from "./planWords.js";
import { markdownText } from "./markdownText.js";
import { DEFAULT_WIDTH, displayWidth, fitLines, fitTable, markdownTable, tableLines, type TextLayout, type TextTable } from "./textTable.js";

/** How many qualifying rivals the comparison table shows. */
const RIVALS_SHOWN = 5;

function focusPlan(study: PortfolioPlan): PlanEvidence | undefined {
  const p = study.choice?.plan ?? study.closest;
  return p === undefined ? undefined : study.plans.find((x) => x.plan === p);
}

export function headline(study: PortfolioPlan): string {
  const p = study.portfolio;
  const n = (k: number, noun: string): string => `${count(k)} ${noun}${k === 1 ? "" : "s"}`;
  return `Portfolio ${p.name} (${p.file}): ${n(study.services.length, "service")}, ${n(study.flows.length, "flow")}, ${n(study.procedure.plans, "plan")}, up to ${count(p.runs)} simulated years each (seed ${p.seed})`;
}

function verdictLine(study: PortfolioPlan): string {
  const plan = focusPlan(study);
  if (plan === undefined) return "No plan was evaluated.";
  const what = `${planName(plan.plan)}, ${usdWithCi(plan.costUSD.mean, plan.costUSD.ci95)} per year: ${planStrategies(study, plan)}`;
  if (study.choice !== undefined) return `Chosen plan ${what}.`;
  return `No plan qualifies. Closest: ${what} — it misses ${plan.unmet.map((u) => unmetText(study, u)).join("; ")}.`;
}

/** The focus plan, service by service: strategy, needs, each target's years, what its users saw, cost. */
export function servicesTable(study: PortfolioPlan): TextTable {
  const plan = focusPlan(study)!;
  const header = ["service", "tier", "strategy", "needs", "RTO:\nyears kept [95% CI]", "RPO:\nyears kept", "availability:\nyears kept", "availability", "downtime/yr", "cost/yr"];
  const rows = study.services.map((s, i) => {
    const e = s.configurations[plan.configurations[i]!]!;
    const target = (kind: string): string => {
      const t = e.targets.find((x) => x.kind === kind);
      if (t === undefined) return "–";
      const bound = targetText(t.kind, s.tier).replace(/^\S+ /, "");
      return `${bound}: ${probabilityWithCi(t.years.p, t.years.ci95)}${t.verdict === "meets" ? "" : " ✗"}`;
    };
    return [
      s.name,
      s.tier.name,
      e.strategy,
      s.dependsOn.map((d) => (d.scope === "same-region" ? `${d.service} (co-located)` : d.service)).join(", ") || "–",
      target("rto"),
      target("rpo"),
      target("availability"),
      availabilityPercent(e.availability),
      duration(e.downtimeSeconds),
      usd(e.costUSD),
    ];
  });
  return { header, rows };
}

export function flowsTable(study: PortfolioPlan): TextTable {
  const plan = focusPlan(study)!;
  const rows = study.flows.map((f, i) => {
    const e = plan.flows[i]!;
    return [f.name, f.services.join(" → "), availabilityPercent(e.availability), duration(e.downtimeSeconds), usd(e.costUSD)];
  });
  return { header: ["flow", "path", "availability", "downtime/yr", "cost/yr (its services\n+ its own downtime)"], rows };
}

/** "api: 31 min/yr down — payments-db 18 min, identity 7 min, its own 6 min". */
export function riskLines(study: PortfolioPlan): string[] {
  if (study.risk === undefined) return [];
  const line = (r: NonNullable<PortfolioPlan["risk"]>["services"][number]): string => {
    const parts = [...r.causes].sort((a, b) => b.seconds - a.seconds).map((c) => `${causeText(study, c.cause, r.name)} ${duration(c.seconds)}`);
    return `${r.name}: ${duration(r.downtimeSeconds)}/yr down${parts.length > 0 ? ` — ${parts.join(", ")}` : ""}`;
  };
  return [...study.risk.services.map(line), ...study.risk.flows.map((f) => `flow ${line(f)}`)];
}

/** The focus plan and the cheapest qualifying rivals, with their paired cost differences. */
export function comparisonTable(study: PortfolioPlan): TextTable {
  const focus = focusPlan(study)!;
  const rivals = study.plans
    .filter((p) => p.qualifies && p.plan !== focus.plan)
    .sort((a, b) => a.costUSD.mean - b.costUSD.mean || a.plan - b.plan)
    .slice(0, RIVALS_SHOWN);
  const header = ["plan", ...study.services.map((s) => s.name), "cost/yr\n[95% CI]", "vs chosen (paired)\n[95% CI]", "verdict"];
  const rows = [focus, ...rivals].map((p) => [
    planName(p.plan),
    ...p.strategies,
    usdWithCi(p.costUSD.mean, p.costUSD.ci95),
    p.costDifference === undefined || p.plan === focus.plan ? "–" : usdWithCi(p.costDifference.mean, p.costDifference.ci95),
    p.plan === study.choice?.plan ? "CHOSEN" : p.plan === focus.plan ? "closest" : rejectionText(study, p),
  ]);
  return { header, rows };
}

/**
 * Every plan that does not qualify, grouped by the first target it misses (the services it
 * needs first): how many, and the closest of them — the plan a planner would try to rescue.
 */
export function rejectedLines(study: PortfolioPlan): string[] {
  const groups = new Map<string, PlanEvidence[]>();
  for (const p of study.plans) {
    if (p.qualifies) continue;
    const first = p.unmet[0]!;
    const key = unmetText(study, { ...first, misses: true });
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const lines = [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([key, plans]) => {
      const closest = [...plans].sort((a, b) => worstShortfall(a.unmet) - worstShortfall(b.unmet) || a.costUSD.mean - b.costUSD.mean)[0]!;
      const first = closest.unmet[0]!;
      const s = study.services.find((x) => x.name === first.service)!;
      const t = s.configurations[closest.configurations[study.services.indexOf(s)]!]!.targets.find((x) => x.kind === first.target)!;
      return `${count(plans.length)} plan${plans.length === 1 ? "" : "s"} miss ${key}; closest ${planName(closest.plan)} (${planStrategies(study, closest)}): ${yearsText(t)}`;
    });
  const costlier = study.plans.filter((p) => p.qualifies && p.plan !== study.choice?.plan);
  if (costlier.length > 0 && study.choice !== undefined) {
    const cheapest = [...costlier].sort((a, b) => a.costUSD.mean - b.costUSD.mean)[0]!;
    lines.push(`${count(costlier.length)} plan${costlier.length === 1 ? "" : "s"} qualify but cost more; the cheapest, ${planName(cheapest.plan)}, ${rejectionText(study, cheapest)}`);
  }
  return lines;
}


export function procedureLines(study: PortfolioPlan): string[] {
  const p = study.procedure;
  const rule =
    "A plan qualifies when every service demonstrably meets its tier: for each target, the lower bound of the Wilson 95 % interval of the share of years that kept it reaches the tier's confidence; " +
    "RTO as the service's users saw it (until what it needs was back too), RPO its own. Among qualifying plans the cheapest (mean total cost of risk per year, flow penalties included) is chosen, " +
    "unless plans whose paired cost difference from it includes zero are simpler.";
  if (p.kind === "exhaustive") return [rule, `All ${count(p.plans)} plans were evaluated on the same ${count(p.replications)} simulated years (common random numbers).`];
  return [
    rule,
    `${count(p.plans)} plans were screened on the same simulated years as they accumulated (common random numbers): a plan was dropped once its years showed a target cannot be met, ` +
      `or once a plan shown to qualify was cheaper beyond KN's continuation region (α = ${p.alpha}, indifference zone δ = ${usd(p.indifferenceUSD)}/yr, h² = ${p.h2.toFixed(2)}, ` +
      `first stage ${count(p.firstStage)} years, then stages of ${count(p.stage)}); ${count(p.replications)} years were simulated.`,
    `Procedures: ${PROCEDURE_CITATIONS.join("; ")}.`,
  ];
}

export function verificationLine(study: PortfolioPlan): string | undefined {
  const v = study.verification;
  if (v === undefined) return undefined;
  const plans = v.plans.map((p) => planName(p.plan)).join(", ");
  const base = `Verification on a fresh seed (${v.seed}, ${count(v.replications)} years) of ${plans}:`;
  if (v.confirmed) return `${base} the same rule chooses ${planName(study.choice!.plan)} again — confirmed.`;
  if (v.choice === undefined) return `${base} none of them qualifies on the fresh years — NOT confirmed; run more years.`;
  return `${base} the same rule chooses ${planName(v.choice)} instead — NOT confirmed; run more years.`;
}

/** A narrow terminal's view of a table: column groups shown one below the other, each losing columns in its order. */
interface NarrowView {
  /** Indices into the header; the first column is repeated in each group. */
  readonly groups: readonly (readonly number[])[];
  /** Per group, the columns it loses first when it still does not fit (least important first). */
  readonly dropOrders: readonly (readonly number[])[];
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** The services table: each service's strategy and the incidents it keeps in time, then its year as a whole. */
function servicesView(): NarrowView {
  return { groups: [[0, 2, 4, 5], [0, 1, 6, 7, 8, 9, 3]], dropOrders: [[5], [3, 1, 8, 7]] };
}

/** The plans compared: their strategies (a service every shown plan gives the same strategy goes first), then their costs. */
function comparisonView(t: TextTable): NarrowView {
  const n = t.header.length;
  const services = range(1, n - 3);
  const constant = services.filter((i) => t.rows.every((r) => r[i] === t.rows[0]![i]));
  return { groups: [[0, ...services], [0, n - 3, n - 2, n - 1]], dropOrders: [[...constant, ...services.reverse()], [n - 1]] };
}

function columns(t: TextTable, keep: readonly number[]): TextTable {
  return { header: keep.map((i) => t.header[i]!), rows: t.rows.map((r) => keep.map((i) => r[i] ?? "")) };
}

/**
 * The plan for a person reading a terminal: a table too wide for `layout`'s width is shown as
 * column groups one below the other, losing its least important columns only if a group still does
 * not fit (they are named); every sentence wraps. The default, `wide`, is plan.txt's: one table
 * each, every column, unwrapped.
 */
export function planText(study: PortfolioPlan, layout: TextLayout = { wide: true }): string {
  const width = layout.width ?? DEFAULT_WIDTH;
  const dropped: string[] = [];
  const table = (t: TextTable, view: NarrowView): string[] => {
    const whole = tableLines(t);
    if (layout.wide === true || Math.max(...whole.map(displayWidth)) <= width) return whole;
    return view.groups.flatMap((group, g) => {
      const order = view.dropOrders[g]!.map((i) => group.indexOf(i)).filter((i) => i > 0);
      const fitted = fitTable(columns(t, group), width, order);
      for (const h of fitted.dropped) dropped.push(h.split("\n").join(" "));
      return [...(g > 0 ? [""] : []), ...fitted.lines];
    });
  };
  const lines = [headline(study), ...study.services.map((s) => s.tier).filter((t, i, all) => all.indexOf(t) === i).map((t) => `  ${tierText(t)}`), "", verdictLine(study)];
  if (focusPlan(study) !== undefined) {
    lines.push("", ...table(servicesTable(study), servicesView()));
    if (study.flows.length > 0) lines.push("", ...table(flowsTable(study), { groups: [[0, 1, 2, 3, 4]], dropOrders: [[1, 4, 3]] }));
    lines.push("", "Where the downtime comes from (means per year; a dependency's share is its own downtime, or a co-location mismatch):", ...riskLines(study).map((l) => `  ${l}`));
    const comparison = comparisonTable(study);
    lines.push("", ...table(comparison, comparisonView(comparison)));
    lines.push("", "Rejected plans:", ...rejectedLines(study).map((l) => `  ${l}`));
    lines.push("", ...procedureLines(study));
    const v = verificationLine(study);
    if (v !== undefined) lines.push(v);
    if (dropped.length > 0) lines.push("", `(Left out to fit ${width} columns: ${dropped.join("; ")}. --wide shows every column; plan.md and plan.json have everything.)`);
  }
  return `${fitLines(lines, layout).join("\n")}\n`;
}

export function planMarkdown(study: PortfolioPlan): string {
  const tiers = study.services.map((s) => s.tier).filter((t, i, all) => all.indexOf(t) === i);
  const lines = [`## Plan: ${markdownText(study.portfolio.name)}`, "", `_${headline(study)}._`, "", ...tiers.map((t) => `- ${tierText(t)}`), "", `**${verdictLine(study)}**`];
  if (focusPlan(study) !== undefined) {
    lines.push("", "### Services", "", ...markdownTable(servicesTable(study)));
    if (study.flows.length > 0) lines.push("", "### Flows", "", ...markdownTable(flowsTable(study)));
    lines.push("", "### Where the downtime comes from", "", ...riskLines(study).map((l) => `- ${l}`));
    lines.push("", "### Plans compared", "", ...markdownTable(comparisonTable(study)));
    lines.push("", "### Rejected plans", "", ...rejectedLines(study).map((l) => `- ${l}`));
  }
  lines.push("", "### How the plan was chosen", "", ...procedureLines(study));
  const v = verificationLine(study);
  if (v !== undefined) lines.push("", v);
  return `${lines.join("\n")}\n`;
}
