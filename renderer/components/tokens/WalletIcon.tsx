import type { WalletProviderId } from '../../../shared/api/model';

/**
 * A small mark per wallet, drawn inline (the CSP allows no remote images, and a trademark logo is
 * not ours to ship): a tile in the wallet's colour with its initial. The name always sits beside it.
 */
const MARKS: Readonly<Record<WalletProviderId, { readonly letter: string }>> = {
  APPLE_PAY: { letter: 'A' },
  GOOGLE_PAY: { letter: 'G' },
  SAMSUNG_PAY: { letter: 'S' },
  MERCHANT: { letter: '¥' },
};

export const WalletIcon = ({ wallet }: { wallet: WalletProviderId }) => (
  <svg className="wallet-icon" data-wallet={wallet} viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
    <rect className="wallet-icon-tile" x="1" y="1" width="18" height="18" rx="4" />
    <text className="wallet-icon-letter" x="10" y="14.5" textAnchor="middle">
      {MARKS[wallet].letter}
    </text>
  </svg>
);
