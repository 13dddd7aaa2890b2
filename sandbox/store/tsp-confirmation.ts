import { ACTION_OF_OPERATION } from '../../shared/domain/operation-events';
import type { TokenOperation } from '../../shared/domain/transitions';
import type { CallbackIngest } from '../callbacks/ingest';
import type { OperatingAgent } from '../simulation/issuer-changes';
import type { SandboxStore } from './store';

/** An accepted operation waiting for the TSP's confirmation. */
export interface PendingOperation {
  readonly operationId: string;
  readonly operation: TokenOperation;
  readonly virtualCardId: string;
  /** The request's x-correlation-id: links the confirmation to the agent's action. */
  readonly correlationId: string;
  readonly agent: OperatingAgent;
  readonly reasonCode: string;
  readonly reason: string;
  /** How many copies of the confirmation the TSP delivers (2 under a `duplicate-confirmation` fault). */
  readonly deliveries?: number;
}

const DEFAULT_TSP_CONFIRM_DELAY_MS = 300;

/**
 * The TSP's asynchronous confirmation of an agent's operation: accepted is not done, the device
 * may not be updated yet. After the delay the simulated TSP calls back exactly as the platform
 * does, a notifyVirtualCardChange with the operation's correlation id and source ISSUER, and the
 * callback goes through the one ingest (callbacks/ingest.ts): the change is applied and the
 * cardholder notified, or, if the token changed meanwhile so that the operation no longer applies
 * (the wallet deleted it), OPERATION_FAILED is recorded and the token stays as it is; a second
 * copy is a duplicate. Pending confirmations live in memory only: a restarted sandbox has none, as
 * a TSP that lost the request would not confirm it either.
 */
export class TspConfirmations {
  private readonly pending = new Map<string, { readonly operation: PendingOperation; readonly timer: NodeJS.Timeout }>();
  private closed = false;
  private ingest: CallbackIngest | null = null;

  constructor(
    private readonly store: SandboxStore,
    private readonly delayMs: number = DEFAULT_TSP_CONFIRM_DELAY_MS,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The ingest the confirmations go through; set once both exist. */
  connect(ingest: CallbackIngest): void {
    this.ingest = ingest;
  }

  /** Whether an operation on this token awaits its confirmation (a second one would race it). */
  isPending(virtualCardId: string): boolean {
    return this.pending.has(virtualCardId);
  }

  schedule(operation: PendingOperation): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.pending.delete(operation.virtualCardId);
      try {
        for (let copy = 0; copy < (operation.deliveries ?? 1); copy += 1) this.confirm(operation);
      } catch (error) {
        // A timer has no caller to answer: the failure is logged, never thrown into the event loop.
        this.onError(error);
      }
    }, this.delayMs);
    this.pending.set(operation.virtualCardId, { operation, timer });
  }

  /** Cancels every pending confirmation, so a closed sandbox changes nothing afterwards. */
  close(): void {
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private confirm(pending: PendingOperation): void {
    const token = this.store.tokens.get(pending.virtualCardId);
    if (!token || !this.ingest) return;
    this.ingest.change({
      channel: 'tspConfirmation',
      correlationId: pending.correlationId,
      virtualCardId: token.virtualCardId,
      action: ACTION_OF_OPERATION[pending.operation],
      source: 'ISSUER',
      wire: { walletProviderId: token.tokenRequestor.walletProviderId, tokenStorageId: token.device.tokenStorageId, isPrimary: token.isPrimary },
    });
  }
}
