import type { BaseWindow, FileFilter, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { ChooseExportFile } from '../../core/supervision/audit-exports';

/** The parts of Electron's dialog and windows the chooser uses; `index.ts` passes the real ones. */
export interface SaveDialogPorts {
  readonly showSaveDialog: (window: BaseWindow, options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  readonly showSaveDialogAlone: (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  readonly focusedWindow: () => BaseWindow | null;
}

const FILTERS: Readonly<Record<'csv' | 'jsonl', FileFilter>> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  jsonl: { name: 'JSON Lines', extensions: ['jsonl'] },
};

/**
 * Where a supervisor's audit export goes: the system's save dialog, over the window they clicked
 * in (the one focused), suggesting a dated name. Closing it chooses nothing.
 */
export const exportFileChooser =
  (ports: SaveDialogPorts): ChooseExportFile =>
  async ({ suggestedName, format }) => {
    const options: SaveDialogOptions = { defaultPath: suggestedName, filters: [FILTERS[format]], properties: ['createDirectory', 'showOverwriteConfirmation'] };
    const window = ports.focusedWindow();
    const chosen = window === null ? await ports.showSaveDialogAlone(options) : await ports.showSaveDialog(window, options);
    return chosen.canceled || chosen.filePath === undefined || chosen.filePath === '' ? null : chosen.filePath;
  };
