// Colours. Strategies use the Okabe–Ito palette (safe for the common colour-vision deficiencies),
// each strategy type with its own colour so a chart of any run reads the same; pipeline steps use
// Paul Tol's "muted" palette so that no step colour is mistaken for a strategy.
import type { PipelineStep } from "../../outcomes/results.js";

export const OKABE_ITO = {
  vermillion: "#D55E00",
  orange: "#E69F00",
  blue: "#0072B2",
  bluishGreen: "#009E73",
  skyBlue: "#56B4E9",
  reddishPurple: "#CC79A7",
  black: "#000000",
  yellow: "#F0E442",
} as const;

const BY_TYPE: Readonly<Record<string, string>> = {
  "backup-restore": OKABE_ITO.vermillion,
  "pilot-light": OKABE_ITO.orange,
  "warm-standby": OKABE_ITO.blue,
  "active-active": OKABE_ITO.bluishGreen,
};

/** Fallback order for strategies beyond one per type; yellow last (weak on white). */
const ORDER: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/**
 * One colour per strategy, in the given order: the type's colour when still free, else the first
 * unused palette colour (cycling only past eight strategies).
 */
export function strategyColors(types: readonly string[]): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  const preferred = types.map((t) => BY_TYPE[t]);
  // First pass: every strategy whose type colour is free and not wanted by an earlier one claims it.
  const claimed = new Map<number, string>();
  preferred.forEach((c, i) => {
    if (c !== undefined && !used.has(c)) {
      used.add(c);
      claimed.set(i, c);
    }
  });
  let next = 0;
  types.forEach((_, i) => {
    const own = claimed.get(i);
    if (own !== undefined) {
      out.push(own);
      return;
    }
    let colour = ORDER.find((c) => !used.has(c));
    if (colour === undefined) colour = ORDER[next++ % ORDER.length]!;
    used.add(colour);
    out.push(colour);
  });
  return out;
}

/** Paul Tol "muted": eight distinguishable colours in pipeline order. */
export const STEP_COLORS: Readonly<Record<PipelineStep, string>> = {
  detect: "#332288",
  decide: "#88CCEE",
  provision: "#44AA99",
  restore: "#117733",
  promote: "#999933",
  switchTraffic: "#DDCC77",
  scale: "#CC6677",
  failback: "#AA4499",
  wait: "#DDDDDD",
};

export const STEP_LABELS: Readonly<Record<PipelineStep, string>> = {
  detect: "Detect",
  decide: "Decide",
  provision: "Provision cluster",
  restore: "Restore backup",
  promote: "Promote replica",
  switchTraffic: "Switch traffic",
  scale: "Scale",
  failback: "Failback",
  wait: "Wait for the primary",
};

export const INK = "#222222";
export const MUTED_INK = "#555555";
export const GRID = "#e4e4e4";
