import type { BrowserContext, Page } from 'playwright-core';
import { knownFixtures } from '../../sandbox/seed/fixtures';
import type { BenchBridge } from './bench-bridge';
import { applePayFlow, lostPhoneFlow, optionDFlow, readyWorkspace, type FlowResult } from '../support/keyboard-flows';

/**
 * Each flow as a new caller: the phone call the one before left open (searching starts one) is
 * discarded through the bridge, and the console is opened afresh, the keyboard in the search field.
 */
const freshCaller = async (page: Page, bridge: BenchBridge): Promise<void> => {
  const state = (await bridge.call('phoneCall.state', {})) as { ok: boolean; data?: { current: { phoneCallId: string } | null } };
  const open = state.ok ? state.data?.current : null;
  if (open) await bridge.call('phoneCall.end', { phoneCallId: open.phoneCallId, closing: 'DISCARDED', outcomeCode: null, notes: '' });
  await page.goto(`/__bridge/session?token=${bridge.token}`);
  await readyWorkspace(page);
};

/**
 * "I lost my phone" (every token on the phone, across the cardholder's cards), an Option D
 * activation and "why doesn't my Apple Pay work?" (a canceled enrolment), by keyboard alone.
 */
export const benchKeyboard = async (context: BrowserContext, bridge: BenchBridge): Promise<FlowResult[]> => {
  const page = await context.newPage();
  try {
    const { lostPhone, yellowPath, lifecycle } = knownFixtures;
    await freshCaller(page, bridge);
    const lost = await lostPhoneFlow(page, { cardholderId: lostPhone.cardholderId, tokenStorageId: lostPhone.device.tokenStorageId });
    await freshCaller(page, bridge);
    const optionD = await optionDFlow(page, { cardholderId: yellowPath.cardholderId, virtualCardId: yellowPath.virtualCardId });
    await freshCaller(page, bridge);
    const applePay = await applePayFlow(page, { name: lifecycle.name.kanji, virtualCardId: lifecycle.canceled });
    return [lost, optionD, applePay];
  } finally {
    await page.close();
  }
};
