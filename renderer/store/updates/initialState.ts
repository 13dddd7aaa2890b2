import type { TypedError, UpdateStatus } from '../../../shared/contract';

/** The console's own update, for the header's small notice. */
export interface UpdatesState {
  /** null until main has been asked (or has said an update is ready). */
  readonly update: UpdateStatus | null;
  readonly updateInstalling: boolean;
  /** Why "restart and update" was refused (an action under way), until the next try. */
  readonly updateInstallError: TypedError | null;
}

export const initialUpdatesState: UpdatesState = {
  update: null,
  updateInstalling: false,
  updateInstallError: null,
};
