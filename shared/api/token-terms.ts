import { z } from 'zod';
import { VERIFIERS } from '../domain/identity-verification';
import { AgentId } from './ids';

/**
 * The words a token and its history are described in. They sit below `model.ts`, `callbacks.ts`,
 * `policy.ts` and `token-event.ts`, which all re-export them, so the event union can use them
 * without an import circle through the entities.
 */

/**
 * The console's normalised token states (docs/domain.md, "Token states"). Thales classic `RESUMED`
 * and D1 `ACTIVE` both map to ACTIVE; `ERASED` maps to DELETED.
 */
export const TokenState = z.enum(['DEPLOYMENT_ONGOING', 'INACTIVE', 'ACTIVE', 'SUSPENDED', 'DELETED']);
export type TokenState = z.infer<typeof TokenState>;

/** Who made a change, as `notifyVirtualCardChange.source` says it. */
export const ChangeSource = z.enum(['WALLET', 'TSP', 'ISSUER']);
export type ChangeSource = z.infer<typeof ChangeSource>;

export const WalletProviderId = z.enum(['APPLE_PAY', 'GOOGLE_PAY', 'SAMSUNG_PAY', 'MERCHANT']);
export type WalletProviderId = z.infer<typeof WalletProviderId>;

export const DeviceType = z.enum(['PHONE', 'WATCH', 'TABLET', 'LAPTOP', 'WEARABLE', 'BROWSER']);
export type DeviceType = z.infer<typeof DeviceType>;

export const IdvMethod = z.enum(['SMS_OTP', 'EMAIL_OTP', 'ISSUER_APP', 'CUSTOMER_SERVICE']);
export type IdvMethod = z.infer<typeof IdvMethod>;

export const Decision = z.enum(['GREEN', 'YELLOW', 'RED']);
export type Decision = z.infer<typeof Decision>;

/** Why a digitization decision was taken, as a reason code (NEW_DEVICE, HIGH_VELOCITY…). */
export const DecisionReason = z.string().regex(/^[A-Z_]{2,40}$/);

/** Who changed a token last: the wallet, the TSP, or the issuer (and then which agent, if any). */
export const Actor = z.object({
  source: ChangeSource,
  agentId: AgentId.optional(),
  agentName: z.string().min(1).max(200).optional(),
});
export type Actor = z.infer<typeof Actor>;

/** What `notifyVirtualCardChange.action` reports; DELETE_FROM_APP is MDES only. */
export const VirtualCardAction = z.enum(['ACTIVATE', 'SUSPEND', 'RESUME', 'DELETE', 'DELETE_FROM_APP']);
export type VirtualCardAction = z.infer<typeof VirtualCardAction>;

/** The operations of D1 card-operation notifications. */
export const CardOperation = z.enum(['DIGITIZE', 'ACTIVATE', 'SUSPEND', 'RESUME', 'DELETE']);
export type CardOperation = z.infer<typeof CardOperation>;

export const CardOperationStatus = z.enum(['SUCCESSFUL', 'PENDING', 'FAILED']);
export type CardOperationStatus = z.infer<typeof CardOperationStatus>;

/** Who asked for the operation: the issuer, the cardholder (USER), the TSP, the network's customer-care interface (CCI) or D1. */
export const RequestorType = z.enum(['ISSUER', 'USER', 'TSP', 'CCI', 'D1']);
export type RequestorType = z.infer<typeof RequestorType>;

/** One identity check an agent made before an Option D activation (which passed, never the answer). */
export const Verifier = z.enum(VERIFIERS);
export type Verifier = z.infer<typeof Verifier>;
