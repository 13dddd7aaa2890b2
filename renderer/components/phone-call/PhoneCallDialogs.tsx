import { useShallow } from 'zustand/react/shallow';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { phoneCallSelectors } from '../../store/phone-call/selectors';
import { useDeskStore } from '../../store/store-context';
import { ServiceNotesDialog } from './ServiceNotesDialog';
import { SignOutAskDialog } from './SignOutAskDialog';
import { WrapUpDialog } from './WrapUpDialog';

/** The phone call's dialogs, one at a time: the wrap-up, the question at sign-out, the service notes. */
export const PhoneCallDialogs = () => {
  const { call, wrapUp, signOutAsk, serviceNotes } = useDeskStore(
    useShallow((s) => ({
      call: phoneCallSelectors.current(s),
      wrapUp: phoneCallSelectors.wrapUp(s),
      signOutAsk: phoneCallSelectors.signOutAsk(s),
      serviceNotes: phoneCallSelectors.serviceNotes(s),
    })),
  );
  const cardholder = useDeskStore(cardholderSelectors.cardholder);
  if (call !== null && wrapUp !== null) return <WrapUpDialog call={call} wrapUp={wrapUp} />;
  if (call !== null && signOutAsk) return <SignOutAskDialog />;
  if (serviceNotes !== null) return <ServiceNotesDialog view={serviceNotes} cardholder={cardholder} />;
  return null;
};
