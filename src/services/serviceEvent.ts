// A service's own events on its replication's simulator: each is scheduled as the service's type
// base (simulation.ts) plus its kind, and handed back to the service (Service.fire).
export const enum ServiceEvent {
  /** The pipeline's pending step (or wait) is over. */
  Step,
  /** Corruption recovery (corruptionRecovery.ts): the decision to restore is made; arg = the corruption. */
  CorruptionDecided,
  /** Corruption recovery: the restore is done. */
  CorruptionRestored,
}

/** Type numbers reserved per service, 2^SERVICE_EVENT_BITS: room for every ServiceEvent. */
export const SERVICE_EVENT_BITS = 2;
