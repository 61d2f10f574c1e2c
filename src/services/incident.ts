// An incident as it unfolds: step durations, attempts and losses accumulate until it closes, then
// it becomes an immutable IncidentRecord. Downtime and failed requests are read off the service
// ledger as differences between the open and close instants.
import type { IncidentCause, IncidentRecord, PipelineStep } from "../outcomes/results.js";
import type { ServiceLedger } from "./ledger.js";

/**
 * A fresh all-NaN step record. An object literal, not a spread of a frozen template: the literal has
 * one fixed shape and is several times cheaper to build, and Record<PipelineStep, number> makes the
 * compiler reject it when PIPELINE_STEPS gains or loses a step.
 */
function noSteps(): Record<PipelineStep, number> {
  return {
    detect: Number.NaN,
    decide: Number.NaN,
    provision: Number.NaN,
    restore: Number.NaN,
    promote: Number.NaN,
    switchTraffic: Number.NaN,
    scale: Number.NaN,
    failback: Number.NaN,
    wait: Number.NaN,
  };
}

function copySteps(s: Readonly<Record<PipelineStep, number>>): Record<PipelineStep, number> {
  return {
    detect: s.detect,
    decide: s.decide,
    provision: s.provision,
    restore: s.restore,
    promote: s.promote,
    switchTraffic: s.switchTraffic,
    scale: s.scale,
    failback: s.failback,
    wait: s.wait,
  };
}

export class OpenIncident {
  readonly steps: Record<PipelineStep, number>;
  /** First instant the service was back at full capacity (NaN until then). */
  fullAt = Number.NaN;
  rpo = 0;
  lostWrites = 0;
  failedOver = false;
  aborted = false;
  attempts = 0;
  private readonly downtimeAtOpen: number;
  private readonly failedAtOpen: number;

  constructor(
    readonly start: number,
    readonly cause: IncidentCause,
    readonly regions: string,
    readonly eventDuration: number,
    private readonly ledger: ServiceLedger,
  ) {
    this.steps = noSteps();
    this.downtimeAtOpen = ledger.downtime;
    this.failedAtOpen = ledger.failedRequests;
  }

  /** Adds a step's duration (retries of a step add up). */
  addStep(step: PipelineStep, duration: number): void {
    const prior = this.steps[step];
    this.steps[step] = Number.isNaN(prior) ? duration : prior + duration;
  }

  close(now: number): IncidentRecord {
    this.ledger.advance(now);
    const end = Number.isNaN(this.fullAt) ? now : this.fullAt;
    return {
      start: this.start,
      cause: this.cause,
      regions: this.regions,
      eventDuration: this.eventDuration,
      steps: copySteps(this.steps),
      rto: end - this.start,
      rpo: this.rpo,
      downtimeSeconds: this.ledger.downtime - this.downtimeAtOpen,
      failedRequests: this.ledger.failedRequests - this.failedAtOpen,
      lostWrites: this.lostWrites,
      failedOver: this.failedOver,
      aborted: this.aborted,
      attempts: this.attempts,
    };
  }
}
