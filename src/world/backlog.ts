// Replication backlog when write bursts exceed the inter-region link: a deterministic fluid queue
// (the traffic is deterministic), so its weekly profile is computed once per run and the lag it adds
// at any instant is read off it. Zero — and no profile at all — when the link always keeps up.
import { FieldError } from "../scenario/fieldError.js";
import type { Workload } from "../scenario/types.js";
import type { Traffic } from "./traffic.js";

const STEP = 60; // seconds; the queue changes slowly against this step
const WEEK = 7 * 86_400;

export interface BacklogProfile {
  /** Seconds of lag the backlog adds at time t (time to drain it at full link speed). */
  lagAt(t: number): number;
}

export function makeBacklogProfile(traffic: Traffic, workload: Workload, bandwidth: number): BacklogProfile | null {
  const bytesPerRequest = workload.writeFraction * workload.bytesPerWrite;
  const slots = WEEK / STEP;
  let peak = 0;
  for (let i = 0; i < slots; i++) peak = Math.max(peak, traffic.rate(i * STEP) * bytesPerRequest);
  if (peak <= bandwidth) return null;

  // Two weeks of warm-up reach the periodic steady state when the link keeps up on average;
  // when it never does, the backlog grows without bound and we say so instead of inventing a lag.
  const lag = new Float64Array(slots);
  let backlog = 0;
  for (let week = 0; week < 3; week++) {
    for (let i = 0; i < slots; i++) {
      const written = traffic.integrate(i * STEP, (i + 1) * STEP, bytesPerRequest, 0);
      backlog = Math.max(0, backlog + written - bandwidth * STEP);
      lag[i] = backlog / bandwidth;
    }
  }
  const meanWrite = traffic.integrate(0, WEEK, bytesPerRequest, 0) / WEEK;
  if (meanWrite >= bandwidth) {
    throw new FieldError(
      ["replication", "bandwidth"],
      `${bandwidth} B/s is below the mean write throughput (${meanWrite.toFixed(0)} B/s): async replication can never catch up`,
    );
  }
  return {
    lagAt(t: number): number {
      const i = Math.floor((((t % WEEK) + WEEK) % WEEK) / STEP);
      return lag[i]!;
    },
  };
}
