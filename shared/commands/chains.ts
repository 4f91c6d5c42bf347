/**
 * The version chains the commands declare (R17, R27), looked up by command: which chain and
 * record a command is judged against, and every chain an event of the log may extend.
 */
import { COMMANDS, commandDef, isCommandType } from './index';
import type { VersionChain } from './define';
import type { StoredEvent } from '../events';

export interface ChainLink {
  chain: VersionChain;
  /** The chain's record (`farsta`), and the key of its queue (`district:farsta`). */
  record: string;
  key: string;
}

const chainKey = (chain: VersionChain, record: string) => `${chain.name}:${record}`;

/** The chain a command is a link of, or null for a command judged against no version. */
export function chainOf(cmd: { type: string; payload: unknown }): ChainLink | null {
  if (!isCommandType(cmd.type)) return null;
  const chain = commandDef(cmd.type).chain;
  const record = chain?.recordOf(cmd.payload) ?? null;
  return chain && record !== null ? { chain, record, key: chainKey(chain, record) } : null;
}

/** Every chain some command declares, once each. */
export const VERSION_CHAINS: readonly VersionChain[] = [
  ...new Set(Object.values(COMMANDS).flatMap((d) => ('chain' in d && d.chain ? [d.chain] : []))),
];

/** The chain key and version an event of the log produced, if it extends a chain. */
export function producedVersion(
  ev: Pick<StoredEvent, 'type' | 'data'>,
): { key: string; version: string } | null {
  for (const chain of VERSION_CHAINS) {
    const v = chain.produced(ev);
    if (v) return { key: chainKey(chain, v.record), version: v.version };
  }
  return null;
}
