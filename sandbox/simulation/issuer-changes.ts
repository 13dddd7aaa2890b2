/**
 * The agent who made an operation, acting for the issuer. What the operation may do is the one
 * transition table's answer for the issuer (`issuerRefusal` in shared/domain/transitions.ts); the
 * change itself is applied when the TSP confirms it, through the callbacks' ingest (callbacks/ingest.ts).
 */
export interface OperatingAgent {
  readonly agentId: string;
  readonly name: string;
}
