import type { ApiErrorName } from '../../../shared/api/errors';
import { expectError, pathOf, type Answer } from '../client';
import { passed, skipped, type Scenario } from '../scenario';
import { agentIdOf } from '../tokens';
import { testPan } from '../../unit/electron/helpers/card-numbers';

/** A token id no backend holds: letters only, so nothing reads it as a card number. */
const NO_SUCH_TOKEN = 'VCCONFORMANCENOSUCHTOKEN';
const NO_SUCH_CARD = 'CRCONFORMANCENOSUCHCARD';
/** The well-known Visa test number: a full card number typed into a search must be refused, never searched for. */
/** Built at run time: the tree holds no Luhn-valid card number. */
const TEST_PAN = testPan();

interface Provoked {
  readonly what: string;
  readonly expected: ApiErrorName | readonly ApiErrorName[];
  readonly answer: () => Promise<Answer>;
}

const errorCategories: Scenario = {
  name: 'errors.categories',
  area: 'errors',
  proves:
    "Each error the kit provokes (no or a made-up credential, the wrong kind of client, no session, a role without the right, an unknown issuer, token or card, a bad or missing parameter, a card number in a search, no Idempotency-Key) answers the API's one error schema with the code, HTTP status and category (D, S, F) that shared/api/errors.ts gives it.",
  run: async ({ client, credentials, testData }) => {
    const agentId = agentIdOf(credentials.agents, 'agent', testData?.lockoutAgentId);
    if (!agentId) return skipped('the credentials file names no agent with the role agent');
    const agent = await client.agent(agentId);
    const search = (query: string): string => `${pathOf('searchCardholders')}?${query}`;
    const provoked: Provoked[] = [
      { what: 'a read without a bearer token', expected: 'UNAUTHORIZED', answer: () => client.anonymous.get(search('q=test')) },
      { what: "an agent's call with the workstation's token and no session", expected: 'AGENT_SESSION_REQUIRED', answer: () => client.workstation.get(search('q=test')) },
      { what: "an agent's call with the platform's token", expected: 'FORBIDDEN_CLIENT', answer: () => client.platform.get(search('q=test')) },
      {
        what: "a platform callback with the workstation's token",
        expected: 'FORBIDDEN_CLIENT',
        answer: () => client.workstation.post(pathOf('notifyVirtualCardChange'), { issuerCardRefId: NO_SUCH_CARD, virtualCardId: NO_SUCH_TOKEN, walletProviderId: 'APPLE_PAY', tokenStorageId: 'SE-CONFORMANCE', isPrimary: true, action: 'SUSPEND', source: 'WALLET' }),
      },
      { what: 'a call naming another issuer', expected: 'UNKNOWN_ISSUER', answer: () => agent.get(search('q=test'), { headers: { 'x-issuer-id': client.issuerId === 'ZZCONFORM0' ? 'ZZCONFORM1' : 'ZZCONFORM0' } }) },
      { what: 'an agent reading the audit trail', expected: 'FORBIDDEN_ROLE', answer: () => agent.get(pathOf('listAuditRecords')) },
      { what: 'an unknown token', expected: 'UNKNOWN_TOKEN', answer: () => agent.get(pathOf('getToken', { virtualCardId: NO_SUCH_TOKEN })) },
      { what: 'the tokens of an unknown card', expected: 'UNKNOWN_CARD', answer: () => agent.get(pathOf('listCardTokens', { issuerCardRefId: NO_SUCH_CARD })) },
      { what: 'a search without q', expected: ['MISSING_PARAMETER', 'BAD_FORMAT'], answer: () => agent.get(search('limit=5')) },
      { what: 'a search with limit 0', expected: 'BAD_FORMAT', answer: () => agent.get(search('q=test&limit=0')) },
      { what: 'a search for a full card number', expected: 'PAN_NOT_ACCEPTED', answer: () => agent.get(search(`q=${TEST_PAN}`)) },
      {
        what: 'an operation without an Idempotency-Key',
        expected: 'MISSING_PARAMETER',
        answer: () => agent.post(pathOf('suspendToken', { virtualCardId: NO_SUCH_TOKEN }), { reasonCode: 'DEVICE_LOST', reason: 'DEVICE LOST', expectedState: 'ACTIVE' }, { idempotencyKey: null }),
      },
    ];
    const seen: string[] = [];
    for (const { what, expected, answer } of provoked) {
      const error = expectError(await answer(), expected, what);
      seen.push(`${error.code}/${error.category}`);
    }
    return passed(`${provoked.length} errors in the API's schema with their table's category: ${seen.join(', ')}`);
  },
};

export const errorScenarios: readonly Scenario[] = [errorCategories];
