import { useShallow } from 'zustand/react/shallow';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { phoneCallSelectors } from '../../store/phone-call/selectors';
import { useDeskStore } from '../../store/store-context';
import { onDemand, usePreloadOnIdle } from '../on-demand';

const dialogs = () => import('./phone-call-dialogs');
const WrapUpDialog = onDemand(() => dialogs().then((module) => module.WrapUpDialog));
const SignOutAskDialog = onDemand(() => dialogs().then((module) => module.SignOutAskDialog));
const ServiceNotesDialog = onDemand(() => dialogs().then((module) => module.ServiceNotesDialog));
const PRELOADED = [WrapUpDialog, SignOutAskDialog, ServiceNotesDialog];

/** The phone call's dialogs, one at a time: the wrap-up, the question at sign-out, the service notes (their code on demand, fetched ahead on idle). */
export const PhoneCallDialogs = () => {
  usePreloadOnIdle(PRELOADED);
  const { call, wrapUp, signOutAsk, serviceNotes } = useDeskStore(
    useShallow((s) => ({
      call: phoneCallSelectors.current(s),
      wrapUp: phoneCallSelectors.wrapUp(s),
      signOutAsk: phoneCallSelectors.signOutAsk(s),
      serviceNotes: phoneCallSelectors.serviceNotes(s),
    })),
  );
  const cardholder = useDeskStore(cardholderSelectors.cardholder);
  if (call !== null && wrapUp !== null) return <WrapUpDialog.Component call={call} wrapUp={wrapUp} />;
  if (call !== null && signOutAsk) return <SignOutAskDialog.Component />;
  if (serviceNotes !== null) return <ServiceNotesDialog.Component view={serviceNotes} cardholder={cardholder} />;
  return null;
};
