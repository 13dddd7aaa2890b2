import { callNames, channelFor, failure, type Result } from '../../../shared/contract';
import type { Core } from '../../core/app-core';
import { dispatch, newCorrelationId } from '../../core/ipc/dispatch';
import type { Logger } from '../../core/logging/logger';
import { isTrustedSender, senderOrigin, type InvokeEventLike } from './trusted-sender';

/** The part of Electron's ipcMain used here; a map of channel to handler in tests. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

/**
 * The caller a call's leftovers belong to: the sending window. Electron numbers WebContents
 * uniquely for the process's life, so one window's request ids never reach another's calls.
 */
export const callerOfWebContents = (id: number | 'unknown'): string => `window:${id}`;

const callerOf = (event: InvokeEventLike): string => callerOfWebContents(event.sender?.id ?? 'unknown');

/**
 * One handler per declared call, all alike: check the sender, then run the call through the shared
 * dispatcher, which validates input and output against the contract. Every outcome is a value:
 * Electron would pass only the message of a thrown error, and the renderer needs the code.
 * Returns a function that removes the handlers again.
 */
export const registerIpcHandlers = (ipc: IpcMainLike, core: Pick<Core, 'services'>, logger: Logger): (() => void) => {
  for (const name of callNames) {
    const channel = channelFor(name);
    ipc.handle(channel, async (event, ...args) => {
      const correlationId = newCorrelationId();
      try {
        if (!isTrustedSender(event)) {
          logger.warn({ correlationId, call: name, sender: senderOrigin(event) }, 'IPC from an untrusted sender refused');
          return failure('FORBIDDEN_SENDER', correlationId);
        }
        // The bridge sends exactly one argument; anything else did not come through it.
        if (args.length > 1) {
          logger.warn({ correlationId, call: name, args: args.length }, 'IPC with extra arguments refused');
          return failure('INVALID_INPUT', correlationId);
        }
        return await dispatch(core.services, name, args[0], { correlationId, origin: 'ipc', caller: callerOf(event) }, logger);
      } catch (error) {
        logger.error({ correlationId, call: name, err: error }, 'IPC handler failed');
        return failure('INTERNAL', correlationId);
      }
    });
  }
  return () => {
    for (const name of callNames) ipc.removeHandler(channelFor(name));
  };
};
