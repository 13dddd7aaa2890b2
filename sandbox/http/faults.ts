import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { endpoints } from '../../shared/api/endpoints';
import type { ActiveFault, InjectFaultRequest } from '../../shared/api/training';
import { ApiFailure } from './errors';

/** The fault calls never match a fault, so a test can always list and clear them. */
const FAULTS_PATH = endpoints.injectFault.path;

const pathOf = (url: string): string => url.split('?')[0] ?? '';

/**
 * A success body that breaks its declared schema: the body without its first field. Every
 * response the table declares starts with a required field (an id, `items`, `access_token`…).
 */
const brokenBody = (payload: unknown): unknown => {
  if (typeof payload !== 'string') return payload;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return '[]';
  const [first] = Object.keys(body);
  if (first === undefined) return '[]';
  return JSON.stringify(Object.fromEntries(Object.entries(body).filter(([key]) => key !== first)));
};

/**
 * Training-mode fault injection for tests (`POST /training/v1/faults`): the next `times` requests
 * that match a method and a path prefix misbehave in one chosen way. Installed as Fastify hooks
 * ahead of the routes: `onRequest` for the faults that strike before the work (500, 503, reset,
 * delay) and `onSend` for those that strike after it (schema-break, reset-after-work,
 * timeout-after-work). Idempotency has already stored the real response by `onSend`, so a retry
 * with the same key gets it back: exactly what a client must cope with after a lost answer.
 * The first matching rule wins; each match counts it down and at zero it is gone.
 */
export class FaultInjector {
  private readonly rules: ActiveFault[] = [];
  private issued = 0;
  /** Requests a rule struck in `onRequest` that misbehave again when their answer is sent. */
  private readonly afterWork = new WeakMap<FastifyRequest, ActiveFault>();
  /** Ends every held answer and delay when the sandbox closes, so closing never waits for them. */
  private readonly closing = new AbortController();

  add(request: InjectFaultRequest): ActiveFault {
    this.issued += 1;
    const rule: ActiveFault = {
      faultId: `F${this.issued}`,
      match: request.match,
      fault: request.fault,
      remaining: request.times,
      ...(request.delayMs === undefined ? {} : { delayMs: request.delayMs }),
    };
    this.rules.push(rule);
    return rule;
  }

  list(): ActiveFault[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  clear(): number {
    return this.rules.splice(0).length;
  }

  close(): void {
    this.rules.length = 0;
    this.closing.abort();
  }

  /**
   * The first rule matching the request, counted down (removed at zero); undefined when none does.
   * `confirmations` picks the rules that strike the TSP's confirmation instead of the request itself.
   */
  private take(method: string, path: string, confirmations = false): ActiveFault | undefined {
    const index = this.rules.findIndex(
      (rule) =>
        (rule.fault === 'duplicate-confirmation') === confirmations &&
        (rule.match.method === undefined || rule.match.method === method) &&
        path.startsWith(rule.match.pathPrefix),
    );
    const rule = this.rules[index];
    if (!rule) return undefined;
    if (rule.remaining <= 1) this.rules.splice(index, 1);
    else this.rules[index] = { ...rule, remaining: rule.remaining - 1 };
    return rule;
  }

  /**
   * How many times the simulated TSP delivers the confirmation of the token operation accepted by
   * this request: twice when a `duplicate-confirmation` rule matches it (counted down), else once.
   */
  confirmationDeliveries(method: string, path: string): number {
    return this.take(method, path, true) ? 2 : 1;
  }

  private async wait(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.closing.signal });
    } catch {
      // Aborted: the sandbox is closing and the connection goes with it.
    }
  }

  private async beforeWork(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const path = pathOf(request.url);
    if (path === FAULTS_PATH || path.startsWith(`${FAULTS_PATH}/`)) return undefined;
    const rule = this.take(request.method, path);
    if (!rule) return undefined;
    switch (rule.fault) {
      case 'status-500':
      case 'status-503': {
        // Answered here, not thrown: an injected failure is not a sandbox error worth logging.
        const failure =
          rule.fault === 'status-500'
            ? new ApiFailure('SYSTEM_ERROR', `Injected fault ${rule.faultId}: the backend failed before doing the work; try again.`)
            : new ApiFailure('UNAVAILABLE', `Injected fault ${rule.faultId}: the backend is unavailable; try again shortly.`, undefined, { 'retry-after': '1' });
        return reply.code(failure.status).headers(failure.headers).send(failure.toBody());
      }
      case 'reset':
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      case 'delay':
        await this.wait(rule.delayMs ?? 0);
        return undefined;
      case 'reset-after-work':
      case 'schema-break':
      case 'timeout-after-work':
        this.afterWork.set(request, rule);
        return undefined;
      case 'duplicate-confirmation':
        // Never taken here: it strikes the confirmation (confirmationDeliveries), not the request.
        return undefined;
    }
  }

  private async afterWorkDone(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const rule = this.afterWork.get(request);
    if (!rule) return payload;
    this.afterWork.delete(request);
    switch (rule.fault) {
      case 'schema-break':
        return reply.statusCode < 300 ? brokenBody(payload) : payload;
      case 'timeout-after-work':
        await this.wait(rule.delayMs ?? 0);
        return payload;
      case 'reset-after-work':
        request.raw.socket.destroy();
        return payload;
      default:
        return payload;
    }
  }

  /** Adds the hooks; call after the hooks that set the correlation id, so injected answers carry it. */
  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => this.beforeWork(request, reply));
    app.addHook('onSend', async (request, reply, payload) => this.afterWorkDone(request, reply, payload));
  }
}
