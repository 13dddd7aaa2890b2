import { randomInt } from 'node:crypto';
import type { Token, TokenState } from '../../shared/api/model';
import { REASON_CODES, reasonTextForTokenService } from '../../shared/domain/reason-codes';
import { issuerRefusal, type TokenOperation, type TransitionPolicy } from '../../shared/domain/transitions';
import { expectSuccess, pathOf, type Answer, type Caller, type SendOptions } from './client';
import { fail } from './scenario';

/** Token look-ups and operations the scenarios share, through the declared endpoints. */

/** Every token of the test cards (listCardTokens); a card the backend does not know is a failure of the test data, said as such. */
export const tokensOfCards = async (agent: Caller, cards: readonly string[]): Promise<Token[]> => {
  const tokens: Token[] = [];
  for (const issuerCardRefId of cards) {
    const answer = await agent.get(pathOf('listCardTokens', { issuerCardRefId }));
    if (answer.status === 404) fail(`the test data's card ${issuerCardRefId} is unknown to the backend (${answer.text.slice(0, 200)})`);
    tokens.push(...expectSuccess(answer, 'listCardTokens', `the tokens of ${issuerCardRefId}`).items);
  }
  return tokens;
};

/** One of the tokens that satisfy `wanted`, at random so runs side by side rarely pick the same; null when none does. */
export const pickToken = (tokens: readonly Token[], wanted: (token: Token) => boolean): Token | null => {
  const candidates = tokens.filter(wanted);
  return candidates.length === 0 ? null : (candidates[randomInt(candidates.length)] ?? null);
};

export const readToken = async (agent: Caller, virtualCardId: string): Promise<Token> =>
  expectSuccess(await agent.get(pathOf('getToken', { virtualCardId })), 'getToken', `token ${virtualCardId}`);

/** Polls the token until `reached` holds: an accepted operation changes it when the TSP confirms. */
export const waitForToken = async (agent: Caller, virtualCardId: string, reached: (token: Token) => boolean, settleMs: number, what: string): Promise<Token> => {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const token = await readToken(agent, virtualCardId);
    if (reached(token)) return token;
    if (Date.now() > deadline) return fail(`token ${virtualCardId} did not reach ${what} within ${settleMs} ms (it is ${token.state}, suspended by [${token.suspendedBy.join(', ')}])`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** A valid body of the operation: its first reason code that needs no comment, in the words the token service takes. */
export const operationBody = (operation: Exclude<TokenOperation, 'activate'>, expectedState: TokenState, comment = 'Conformance kit check'): Record<string, unknown> => {
  const reason = REASON_CODES[operation].find((candidate) => !candidate.commentRequired);
  if (!reason) throw new Error(`no reason code of ${operation} goes without a comment`);
  return { reasonCode: reason.code, reason: reasonTextForTokenService(reason.code), comment, expectedState };
};

const OPERATION_ENDPOINT = { suspend: 'suspendToken', resume: 'resumeToken', delete: 'deleteToken' } as const;

export const operate = (agent: Caller, operation: Exclude<TokenOperation, 'activate'>, virtualCardId: string, body: unknown, options?: SendOptions): Promise<Answer> =>
  agent.post(pathOf(OPERATION_ENDPOINT[operation], { virtualCardId }), body, options);

/** The transition policy the backend serves (and enforces), for the table's answers. */
export const transitionPolicyOf = async (agent: Caller): Promise<TransitionPolicy> => {
  const policy = expectSuccess(await agent.get(pathOf('getActionPolicy')), 'getActionPolicy', 'the token-action policy');
  return { issuerMayOverrideSuspension: policy.issuerMayOverrideSuspension };
};

/** Resumes a token the kit suspended, once the suspension is confirmed, and waits until it is ACTIVE again: the kit leaves what it found. */
export const resumeAfterwards = async (agent: Caller, virtualCardId: string, settleMs: number): Promise<void> => {
  const token = await waitForToken(agent, virtualCardId, (current) => current.state === 'SUSPENDED' && current.suspendedBy.includes('ISSUER'), settleMs, 'SUSPENDED by the issuer');
  const answer = await operate(agent, 'resume', virtualCardId, operationBody('resume', token.state, 'Conformance kit puts the token back'));
  expectSuccess(answer, 'resumeToken', `resuming ${virtualCardId} after the check`);
  await waitForToken(agent, virtualCardId, (current) => current.state === 'ACTIVE', settleMs, 'ACTIVE again');
};

/** The roles' agents of the credentials file: the first of each role (the lockout account never plays one). */
export const agentIdOf = (agents: readonly { agentId: string; role: string }[], role: 'agent' | 'supervisor', except?: string): string | null =>
  agents.find((agent) => agent.role === role && agent.agentId !== except)?.agentId ?? null;

/**
 * An ACTIVE token of the test cards that the transition table lets this agent suspend: what the
 * suspend-and-resume scenarios act on. Null when the test data has none (the scenario is skipped).
 */
export const suspendableToken = async (agent: Caller, cards: readonly string[]): Promise<Token | null> => {
  const policy = await transitionPolicyOf(agent);
  return pickToken(await tokensOfCards(agent, cards), (candidate) => candidate.state === 'ACTIVE' && issuerRefusal(candidate, 'suspend', policy) === null);
};

export const noSuspendableToken = (cards: readonly string[]): string => `no ACTIVE token on the test cards (${cards.join(', ')})`;
