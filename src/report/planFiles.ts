// `drsim plan`'s machine-readable outputs: plan.json (the whole study, numbers in full, NaN as null) and
// plans.csv (one row per plan: its strategies, cost, paired difference from the chosen plan, and
// why it was not chosen). The sentences are planWords.ts's, as in the text report.
import type { PortfolioPlan } from "../analysis/plan.js";
import { csvNumber, csvString } from "../store/csv.js";
import { compactJson } from "./charts/json.js";
import { PROCEDURE_CITATIONS, causeText, eliminationText, rejectionText, unmetText } from "./planWords.js";

export function planJson(study: PortfolioPlan): string {
  const document = {
    portfolio: study.portfolio,
    procedure: { ...study.procedure, citations: PROCEDURE_CITATIONS },
    services: study.services,
    flows: study.flows,
    choice: study.choice,
    closest: study.closest,
    plans: study.plans.map((p) => ({
      ...p,
      unmet: p.unmet.map((u) => ({ ...u, text: unmetText(study, u) })),
      why: p.plan === study.choice?.plan ? "chosen" : rejectionText(study, p),
    })),
    risk:
      study.risk === undefined
        ? undefined
        : Object.fromEntries(
            (["services", "flows"] as const).map((kind) => [
              kind,
              study.risk![kind].map((r) => ({ ...r, causes: r.causes.map((c) => ({ ...c, text: causeText(study, c.cause, r.name) })) })),
            ]),
          ),
    verification: study.verification,
  };
  return `${compactJson(document)}\n`;
}

export function plansCsv(study: PortfolioPlan): string {
  const header = [
    "plan",
    ...study.services.map((s) => s.name),
    "costUSD",
    "costCi95Lo",
    "costCi95Hi",
    "differenceUSD",
    "differenceCi95Lo",
    "differenceCi95Hi",
    "complexity",
    "qualifies",
    "chosen",
    "screening",
    "why",
  ];
  const rows = study.plans.map((p) =>
    [
      String(p.plan),
      ...p.strategies.map(csvString),
      csvNumber(p.costUSD.mean),
      csvNumber(p.costUSD.ci95[0]),
      csvNumber(p.costUSD.ci95[1]),
      csvNumber(p.costDifference?.mean ?? NaN),
      csvNumber(p.costDifference?.ci95[0] ?? NaN),
      csvNumber(p.costDifference?.ci95[1] ?? NaN),
      String(p.complexity),
      String(p.qualifies),
      String(p.plan === study.choice?.plan),
      csvString(eliminationText(p.eliminated)),
      csvString(p.plan === study.choice?.plan ? "chosen" : rejectionText(study, p)),
    ].join(","),
  );
  return `${[header.map(csvString).join(","), ...rows].join("\n")}\n`;
}
