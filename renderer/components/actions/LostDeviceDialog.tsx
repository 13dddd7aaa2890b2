import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceTypeLabelKey, walletLabelKey } from '../../i18n/lookup-label-keys';
import { focusTokenList } from '../../keyboard/focus';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { cardholderDevices, type CardholderDevice } from '../../tokens/devices';
import { displayState, displayStateLabelKey } from '../../tokens/display-state';
import { DeviceIcon } from '../tokens/DeviceIcon';
import { ActionDialogFooter } from './ActionDialogFooter';
import { ActionForm } from './ActionForm';
import { ModalDialog } from './ModalDialog';

/**
 * "Lost or stolen device", from the cardholder rather than from one token: the cardholder's
 * devices with their tokens across all cards, the arrows to choose one, Enter to go on to the
 * preview of suspending every token on it, with the reason "device lost" already chosen.
 */
export const LostDeviceDialog = () => {
  const { t } = useTranslation();
  const id = useId();
  const cardTokens = useDeskStore((s) => s.cardTokens);
  const cardholder = useDeskStore(cardholderSelectors.cardholder);
  const selected = useDeskStore(cardholderSelectors.selectedVirtualCardId);
  const close = useDeskStore((s) => s.closeDeviceChooser);
  const openBulk = useDeskStore((s) => s.openBulkAction);
  const devices = useMemo(() => cardholderDevices(cardholderSelectors.allTokens({ cardTokens })), [cardTokens]);
  const selectedDevice = useMemo(
    () => cardholderSelectors.allTokens({ cardTokens }).find((token) => token.virtualCardId === selected)?.device.tokenStorageId,
    [cardTokens, selected],
  );
  const [active, setActive] = useState(() => Math.max(0, devices.findIndex((entry) => entry.device.tokenStorageId === selectedDevice)));
  const list = useRef<HTMLUListElement>(null);

  const focusOption = (index: number): void => list.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  // After the dialog has opened (its showModal focuses its first control): the keyboard on the chosen device.
  useEffect(() => {
    queueMicrotask(() => focusOption(active));
    // Once, on opening; the arrows move it afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const choose = (entry: CardholderDevice | undefined): void => {
    if (entry === undefined || cardholder === null) return;
    close();
    openBulk(
      {
        scope: { kind: 'DEVICE', cardholderId: cardholder.cardholderId, tokenStorageId: entry.device.tokenStorageId },
        cardLabel: null,
        deviceName: entry.device.name ?? t('tokens.unnamedDevice'),
      },
      { bulkOperation: 'suspend', reasonCode: 'DEVICE_LOST' },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const move: Readonly<Record<string, number | undefined>> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: devices.length - 1 };
    const next = move[event.key];
    if (next !== undefined) {
      event.preventDefault();
      const clamped = Math.max(0, Math.min(devices.length - 1, next));
      setActive(clamped);
      focusOption(clamped);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(devices[active]);
    }
  };

  const formId = `${id}-form`;
  return (
    <ModalDialog
      testId="lost-device-dialog"
      title={t('keyboard.lostDevice.title')}
      onClose={close}
      wide
      returnFocus={() => focusTokenList(selected)}
      footer={
        <ActionDialogFooter formId={formId} finished={false} onClose={close} note={<span className="hint">{t('keyboard.lostDevice.hint')}</span>} submit={{ label: t('keyboard.lostDevice.choose'), sending: false, disabled: devices.length === 0 }} />
      }
    >
      <ActionForm id={formId} onSubmit={() => choose(devices[active])}>
        <p className="action-intro">{t('keyboard.lostDevice.intro')}</p>
        {devices.length === 0 ? <p className="hint">{t('keyboard.lostDevice.none')}</p> : null}
        <ul ref={list} className="device-list" role="listbox" aria-label={t('keyboard.lostDevice.listLabel')} onKeyDown={onKeyDown} data-testid="device-list">
          {devices.map((entry, index) => (
            <li
              key={entry.device.tokenStorageId}
              role="option"
              aria-selected={index === active}
              tabIndex={index === active ? 0 : -1}
              data-index={index}
              data-storage-id={entry.device.tokenStorageId}
              data-testid="device-option"
              className="device-option"
              onFocus={() => setActive(index)}
              onClick={() => choose(entry)}
            >
              <span className="device-option-head">
                <DeviceIcon type={entry.device.type} />
                <strong>{entry.device.name ?? t('tokens.unnamedDevice')}</strong>
                <span className="cell-sub">{t(deviceTypeLabelKey[entry.device.type])}</span>
                <span className="device-option-count">
                  {t('keyboard.lostDevice.tokens', { count: entry.tokens.length })} · {t('keyboard.lostDevice.usable', { count: entry.live })}
                </span>
              </span>
              <ul className="device-option-tokens">
                {entry.tokens.map((token) => (
                  <li key={token.virtualCardId} data-token-id={token.virtualCardId}>
                    {t('keyboard.lostDevice.tokenLine', {
                      wallet: t(walletLabelKey[token.tokenRequestor.walletProviderId]),
                      lastFour: token.tokenLastFour,
                      card: token.fundingLastFour,
                      state: t(displayStateLabelKey[displayState(token)]),
                    })}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </ActionForm>
    </ModalDialog>
  );
};
