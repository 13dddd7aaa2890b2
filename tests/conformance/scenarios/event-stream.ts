import { openStream, type ReceivedEvent, type StreamClient } from '../../unit/sandbox/sse-client';
import { expectSuccess, pathOf } from '../client';
import { NO_TEST_DATA, check, fail, passed, skipped, withCleanup, type Scenario } from '../scenario';
import { agentIdOf, noSuspendableToken, operate, operationBody, resumeAfterwards, suspendableToken, waitForToken } from '../tokens';

const changeOf =
  (virtualCardId: string, state: string) =>
  (event: ReceivedEvent): boolean =>
    event.data.type === 'token.changed' && event.data.virtualCardId === virtualCardId && event.data.state === state;

const isReady = (event: ReceivedEvent): boolean => event.data.type === 'ready';

const opened = async (stream: StreamClient, what: string): Promise<StreamClient> => {
  if (stream.response.status !== 200) {
    stream.close();
    return fail(`${what}: expected 200 text/event-stream, got ${stream.response.status} ${(await stream.response.text().catch(() => '')).slice(0, 200)}`);
  }
  const type = stream.response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream')) {
    stream.close();
    return fail(`${what}: the content type must be text/event-stream, it is ${type || 'missing'}`);
  }
  return stream;
};

const changedAndReplayed: Scenario = {
  name: 'event-stream.changed-and-replay',
  area: 'event stream',
  proves:
    "After an agent's suspend, token.changed for the token arrives on the open stream; a reconnection with the Last-Event-ID of the last event received replays the change made while disconnected (the resume), before `ready`.",
  run: async ({ testData, credentials, client, settleMs }) => {
    if (!testData) return skipped(NO_TEST_DATA);
    const agentId = agentIdOf(credentials.agents, 'agent', testData.lockoutAgentId);
    if (!agentId) return skipped('the credentials file names no agent with the role agent');
    const agent = await client.agent(agentId);
    const token = await suspendableToken(agent, testData.cards);
    if (!token) return skipped(noSuspendableToken(testData.cards));
    const id = token.virtualCardId;
    const url = `${client.baseUrl}${pathOf('streamEvents')}`;

    const live = await opened(await openStream(url, await client.agentHeaders(agentId)), 'the event stream');
    let resumed = false;
    return withCleanup(
      async () => {
        await live.take(isReady, settleMs);
        expectSuccess(await operate(agent, 'suspend', id, operationBody('suspend', 'ACTIVE')), 'suspendToken', `suspending ${id}`);
        const suspended = await live.take(changeOf(id, 'SUSPENDED'), settleMs);
        if (suspended.id === undefined) return fail('token.changed came without an SSE id, so a client cannot resume from it');
        live.close();

        // While nobody listens: the resume, confirmed.
        await waitForToken(agent, id, (current) => current.state === 'SUSPENDED' && current.suspendedBy.includes('ISSUER'), settleMs, 'SUSPENDED by the issuer');
        expectSuccess(await operate(agent, 'resume', id, operationBody('resume', 'SUSPENDED', 'Conformance kit puts the token back')), 'resumeToken', `resuming ${id}`);
        await waitForToken(agent, id, (current) => current.state === 'ACTIVE', settleMs, 'ACTIVE again');
        resumed = true;

        const again = await opened(await openStream(url, await client.agentHeaders(agentId), suspended.id), 'the event stream with Last-Event-ID');
        try {
          const replayed = await again.take(changeOf(id, 'ACTIVE'), settleMs);
          const ready = await again.take(isReady, settleMs);
          check(again.events.indexOf(replayed) < again.events.indexOf(ready), 'the missed change must be replayed before `ready`');
          if (ready.data.type === 'ready') check(ready.data.replayed >= 1, `ready says ${ready.data.replayed} changes were replayed, at least the resume was`);
          check(!again.events.some((event) => event.data.type === 'reset'), `the stream answered Last-Event-ID ${suspended.id} with reset instead of replaying`);
        } finally {
          again.close();
        }
        return passed(`${id}: token.changed SUSPENDED live (id ${suspended.id}); ACTIVE replayed after reconnecting`);
      },
      async () => {
        live.close();
        if (!resumed) await resumeAfterwards(agent, id, settleMs);
      },
    );
  },
};

export const eventStreamScenarios: readonly Scenario[] = [changedAndReplayed];
