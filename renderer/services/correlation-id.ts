/**
 * A correlation id for a failure the renderer itself detects, so the agent can quote it and the
 * log line in main carries the same one.
 */
export const newCorrelationId = (): string => crypto.randomUUID();
