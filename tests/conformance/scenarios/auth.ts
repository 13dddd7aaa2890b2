import { generateKeyPair } from 'jose';
import { AgentSession, TokenResponse } from '../../../shared/api/endpoints';
import { declaredEndpoint, expectBody, expectError, expectSuccess, fillPath, pathOf } from '../client';
import { check, fail, passed, skipped, type Scenario } from '../scenario';
import { agentIdOf } from '../tokens';

/**
 * How many wrong passwords in a row lock an account, as signIn's declaration says ("Ten failures
 * in a row lock the account for 30 minutes").
 */
export const CONTRACT_LOCKOUT_FAILURES = 10;

const jwtBearer: Scenario = {
  name: 'auth.jwt-bearer',
  area: 'authentication',
  proves:
    "The workstation's and the platform's signed client assertions (JWT-bearer, ES256 with kid) are exchanged for bearer tokens of their own scope; the same assertion a second time is refused (its jti is spent); the workstation's token signs an agent in.",
  run: async ({ client, credentials }) => {
    const assertion = await client.assertion('workstation');
    const first = await client.exchange(assertion);
    const token = expectSuccess(first, 'oauthToken', "the workstation's assertion");
    check(token.scope === undefined || token.scope === 'workstation', `the workstation's token has scope ${token.scope ?? ''}, not workstation`);
    expectError(await client.exchange(assertion), 'INVALID_GRANT', 'the same assertion a second time');
    const platform = expectBody(await client.exchange(await client.assertion('platform')), TokenResponse, "the platform's assertion");
    check(platform.scope === undefined || platform.scope === 'platform', `the platform's token has scope ${platform.scope ?? ''}, not platform`);
    const agentId = agentIdOf(credentials.agents, 'agent') ?? credentials.agents[0]?.agentId;
    if (!agentId) return skipped('the credentials file names no agent');
    await client.agentHeaders(agentId);
    return passed(`workstation and platform tokens issued (${token.expires_in} s); replayed assertion refused; ${agentId} signed in`);
  },
};

const wrongKey: Scenario = {
  name: 'auth.wrong-key',
  area: 'authentication',
  proves:
    "An assertion signed with a key that is not the workstation's (under the workstation's kid) is refused with INVALID_GRANT or INVALID_CLIENT; a made-up bearer token is refused with UNAUTHORIZED; no call goes through without one.",
  run: async ({ client }) => {
    const { privateKey } = await generateKeyPair('ES256');
    const refused = expectError(await client.exchange(await client.assertion('workstation', privateKey)), ['INVALID_GRANT', 'INVALID_CLIENT'], 'an assertion signed with another key');
    const madeUp = await client.anonymous.post(pathOf('signIn'), { agentId: 'agent.nobody', password: 'x' }, { headers: { authorization: 'Bearer conformance-made-up-token-0000000000' } });
    expectError(madeUp, 'UNAUTHORIZED', 'a sign-in with a made-up bearer token');
    expectError(await client.anonymous.post(pathOf('signIn'), { agentId: 'agent.nobody', password: 'x' }), 'UNAUTHORIZED', 'a sign-in without a bearer token');
    return passed(`another key: ${refused.code}; made-up and missing bearer: UNAUTHORIZED`);
  },
};

const agentSignIn: Scenario = {
  name: 'auth.agent-sign-in',
  area: 'authentication',
  proves:
    "An agent signs in with the credentials file's password (201, a session naming the agent and role); a wrong password is SIGN_IN_FAILED; an agent's call without a session is AGENT_SESSION_REQUIRED.",
  run: async ({ client, credentials, testData }) => {
    const account = credentials.agents.find((agent) => agent.role === 'agent' && agent.agentId !== testData?.lockoutAgentId);
    if (!account) return skipped('the credentials file names no agent with the role agent');
    // A wrong password first, so the right one after it clears the count: the account stays usable.
    expectError(await client.signIn(account.agentId, `${account.password}-wrong`), 'SIGN_IN_FAILED', `${account.agentId} with a wrong password`);
    const session = expectSuccess(await client.signIn(account.agentId, account.password), 'signIn', `${account.agentId}'s sign-in`);
    check(session.agent.agentId === account.agentId && session.agent.role === account.role, `the session names ${session.agent.agentId} (${session.agent.role}), not ${account.agentId} (${account.role})`);
    const headers = { 'x-agent-session': session.sessionToken };
    expectSuccess(await client.workstation.del(pathOf('signOut'), { headers }), 'signOut', `${account.agentId}'s sign-out`);
    expectError(await client.workstation.get(`${pathOf('searchCardholders')}?q=test`), 'AGENT_SESSION_REQUIRED', "an agent's call without a session");
    return passed(`${account.agentId}: wrong password refused, signed in and out; no session refused`);
  },
};

const lockout: Scenario = {
  name: 'auth.lockout',
  area: 'authentication',
  proves: `${CONTRACT_LOCKOUT_FAILURES} wrong passwords in a row lock the test data's throwaway account: then even the right password is ACCOUNT_LOCKED. Where the backend offers unlockAgent, a supervisor lifts the lockout afterwards.`,
  run: async ({ client, credentials, testData }) => {
    const agentId = testData?.lockoutAgentId;
    if (!agentId) return skipped('the test data names no throwaway account to lock (lockoutAgentId)');
    const account = credentials.agents.find((agent) => agent.agentId === agentId);
    if (!account) return skipped(`the lockout account ${agentId} is not in the credentials file`);
    let failures = 0;
    let alreadyLocked = false;
    while (failures < CONTRACT_LOCKOUT_FAILURES) {
      const error = expectError(await client.signIn(agentId, `${account.password}-wrong-${failures}`), ['SIGN_IN_FAILED', 'ACCOUNT_LOCKED'], `wrong password ${failures + 1} for ${agentId}`);
      failures += 1;
      if (error.code !== 'ACCOUNT_LOCKED') continue;
      // The failure that locks may say so itself; a lock before it is too early, unless an earlier run left the account locked.
      alreadyLocked = failures === 1;
      if (!alreadyLocked && failures < CONTRACT_LOCKOUT_FAILURES) fail(`${agentId} was locked at wrong password ${failures}, before ${CONTRACT_LOCKOUT_FAILURES}`);
      break;
    }
    expectError(await client.signIn(agentId, account.password), 'ACCOUNT_LOCKED', `${agentId}'s right password after ${CONTRACT_LOCKOUT_FAILURES} wrong ones`);

    const unlock = declaredEndpoint('unlockAgent');
    const supervisorId = agentIdOf(credentials.agents, 'supervisor');
    if (!unlock || !supervisorId) return passed(`${agentId} locked${alreadyLocked ? ' (already, by an earlier run)' : ` after ${failures} wrong passwords`}; it stays locked for the backend's lockout time`);
    const supervisor = await client.agent(supervisorId);
    const unlocked = await supervisor.post(fillPath(unlock.path, { agentId }), undefined);
    check(unlocked.status === unlock.successStatus, `${supervisorId} unlocking ${agentId}: expected ${unlock.successStatus}, got ${unlocked.status} ${unlocked.text.slice(0, 200)}`);
    const session = expectBody(await client.signIn(agentId, account.password), AgentSession, `${agentId}'s sign-in after the unlock`);
    await client.workstation.del(pathOf('signOut'), { headers: { 'x-agent-session': session.sessionToken } });
    return passed(`${agentId} locked${alreadyLocked ? ' (already, by an earlier run)' : ` after ${failures} wrong passwords`}; unlocked by ${supervisorId}`);
  },
};

export const authScenarios: readonly Scenario[] = [jwtBearer, wrongKey, agentSignIn, lockout];
