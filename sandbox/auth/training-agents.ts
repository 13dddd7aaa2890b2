import type { Role } from '../../shared/api/model';

export interface TrainingAgent {
  readonly agentId: string;
  readonly name: string;
  readonly role: Role;
  /** Training only: printed in the credentials file and the seed README, hashed in the store. */
  readonly password: string;
}

/**
 * The training backend's accounts. Their passwords are fixed and published on purpose: it is a
 * training system on 127.0.0.1, and fixed passwords keep a `--data` file and the training
 * material valid across restarts. The store holds only their scrypt hashes.
 * `agent.kobayashi` is a spare agent for lockout drills, so locking it leaves `agent.sato` usable.
 * `agent.lockout` is reserved for automated lockout tests, which share one training backend per
 * run: they may lock it at any time, so nothing else relies on it.
 */
export const trainingAgents: readonly TrainingAgent[] = [
  { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent', password: 'Training-Sato-2026' },
  { agentId: 'agent.kobayashi', name: '小林 翔太', role: 'agent', password: 'Training-Kobayashi-2026' },
  { agentId: 'supervisor.suzuki', name: '鈴木 健一', role: 'supervisor', password: 'Training-Suzuki-2026' },
  { agentId: 'admin.tanaka', name: '田中 直樹', role: 'admin', password: 'Training-Tanaka-2026' },
  { agentId: 'agent.lockout', name: '高橋 亮 (ロックアウト試験用)', role: 'agent', password: 'Training-Lockout-2026' },
];
