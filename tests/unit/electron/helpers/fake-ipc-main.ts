import type { Result } from '../../../../shared/contract';
import type { IpcMainLike } from '../../../../electron/main/ipc/register-ipc';
import type { InvokeEventLike } from '../../../../electron/main/ipc/trusted-sender';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<Result<unknown>>;

/** ipcMain as a map of channel to handler; `invoke` plays the renderer's side. */
export const fakeIpcMain = () => {
  const handlers = new Map<string, Handler>();
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const invoke = async (channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<Result<unknown>> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Electron structured-clones arguments; JSON is close enough for what the contract allows.
    return handler(event, ...args);
  };
  return { ipc, handlers, invoke };
};

/** The event of a top-level frame at `url`; the console's own origin by default. */
export const frameEvent = (url = 'app://token-desk/', parent: unknown = null): InvokeEventLike => ({
  senderFrame: { url, parent },
});
