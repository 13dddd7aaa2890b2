import type { Token } from '../../../shared/api/model';
import { useDeskStore } from '../../store/store-context';

/** The token as the table holds it now (live updates included); undefined when its card is not loaded. */
export const useLiveToken = (token: Pick<Token, 'virtualCardId' | 'issuerCardRefId'>): Token | undefined =>
  useDeskStore((s) => s.cardTokens[token.issuerCardRefId]?.items?.find((candidate) => candidate.virtualCardId === token.virtualCardId));
