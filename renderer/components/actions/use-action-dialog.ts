import { useShallow } from 'zustand/react/shallow';
import { actionsSelectors, sentActions } from '../../store/actions/selectors';
import { useDeskStore } from '../../store/store-context';

/**
 * What every action dialog reads from the store (one subscription) and the commands it uses: the
 * open dialog, what was typed for it, the issuer's policy, and the actions this opening sent, the
 * newest of which a single-token dialog follows (`onItsWay` until it fails: then it may be sent again).
 */
export const useActionDialog = () => {
  const { dialog, draft, byId, policyLoad } = useDeskStore(
    useShallow((s) => ({ dialog: actionsSelectors.dialog(s), draft: actionsSelectors.draft(s), byId: actionsSelectors.byId(s), policyLoad: actionsSelectors.policy(s) })),
  );
  const close = useDeskStore((s) => s.closeActionDialog);
  const update = useDeskStore((s) => s.updateActionDraft);
  const submit = useDeskStore((s) => s.submitActionDialog);
  const sent = sentActions(dialog, byId);
  const latest = sent.at(-1);
  const onItsWay = latest !== undefined && latest.status !== 'FAILED';
  return { dialog, draft, policyLoad, policy: policyLoad.data, sent, latest, onItsWay, close, update, submit };
};
