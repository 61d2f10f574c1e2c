// An incident as it unfolds: step durations, attempts and losses accumulate until it closes, then
// it becomes an immutable IncidentRecord. Downtime and failed requests are read off the service
// ledger as differences between the open and close instants.
import { PIPELINE_STEPS, type IncidentCause, type IncidentRecord, type PipelineStep } from "../model/results.js";
import type { ServiceLedger } from "./ledger.js";

const NO_STEPS = Object.freeze(Object.fromEntries(PIPELINE_STEPS.map((s) => [s, Number.NaN])) as Record<PipelineStep, number>);

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
    this.steps = { ...NO_STEPS };
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
      steps: { ...this.steps },
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
