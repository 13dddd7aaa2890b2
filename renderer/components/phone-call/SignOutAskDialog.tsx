import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../actions/ModalDialog';
import { useDeskStore } from '../../store/store-context';

/** Sign-out with a phone call open: wrap it up first, or discard it (its notes go; the record of the call stays). */
export const SignOutAskDialog = () => {
  const { t } = useTranslation();
  const cancel = useDeskStore((s) => s.cancelSignOutAsk);
  const wrapUp = useDeskStore((s) => s.wrapUpAndSignOut);
  const discard = useDeskStore((s) => s.discardPhoneCallAndSignOut);
  return (
    <ModalDialog
      title={t('phoneCalls.signOut.title')}
      onClose={cancel}
      testId="sign-out-ask"
      footer={
        <>
          <button type="button" className="button-secondary" onClick={cancel}>
            {t('phoneCalls.signOut.cancel')}
          </button>
          <button type="button" className="button-danger" data-testid="sign-out-discard" onClick={() => void discard()}>
            {t('phoneCalls.signOut.discard')}
          </button>
          <button type="button" className="button-primary" data-testid="action-submit" onClick={wrapUp}>
            {t('phoneCalls.signOut.wrapUp')}
          </button>
        </>
      }
    >
      <p>{t('phoneCalls.signOut.body')}</p>
      <p className="hint">{t('phoneCalls.signOut.discardHint')}</p>
    </ModalDialog>
  );
};
