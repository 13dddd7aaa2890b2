import type { DeviceType } from '../../../shared/api/model';

/** Outline glyphs for the device types, drawn inline; the type is also written out beside them. */
const PATHS: Readonly<Record<DeviceType, string>> = {
  PHONE: 'M6 2h8a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zM9 15h2',
  WATCH: 'M7 2h6v3H7zM7 15h6v3H7zM6 5h8a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
  TABLET: 'M4 2h12a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zM9 15h2',
  LAPTOP: 'M4 4h12v9H4zM2 15h16v1.5H2z',
  WEARABLE: 'M10 3a7 7 0 1 0 0 14a7 7 0 1 0 0-14zM10 7v3l2 2',
  BROWSER: 'M2 4h16v12H2zM2 7h16M4.5 5.5h1M6.5 5.5h1',
};

export const DeviceIcon = ({ type }: { type: DeviceType }) => (
  <svg className="device-icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
    <path d={PATHS[type]} />
  </svg>
);
