import type { TypedError } from '../../../shared/contract';

/** Whether main answers at all, judged by the last call: no answer is a TRANSPORT error. */
export type LinkState = 'connecting' | 'online' | 'offline';

export interface StatusState {
  readonly link: LinkState;
  /** The last failed call, shown in the status bar until a call succeeds. */
  readonly lastFailure: TypedError | null;
}

export const initialStatusState: StatusState = {
  link: 'connecting',
  lastFailure: null,
};
