import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  readonly isDev: boolean;
  readonly platform: NodeJS.Platform;
}

/**
 * The application menu, built from roles only: Electron labels role items in the system language,
 * so the menu needs no translations of its own. Reload and DevTools exist in development builds
 * only; in production a reload would drop the agent's work in progress.
 */
export const buildMenuTemplate = ({ isDev, platform }: MenuOptions): MenuItemConstructorOptions[] => {
  const view: MenuItemConstructorOptions[] = [
    ...(isDev
      ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(platform === 'darwin' ? ([{ role: 'appMenu' }] satisfies MenuItemConstructorOptions[]) : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    // A submenu given with a role replaces the role's default items but keeps its localised label.
    { role: 'viewMenu', submenu: view },
    { role: 'windowMenu' },
  ];
};
