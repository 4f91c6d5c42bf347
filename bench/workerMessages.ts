/** What the parent and a listener worker (bench/listener-worker.ts) say to each other over IPC. */
export interface WorkerOpen {
  op: 'open';
  url: string;
  cookie?: string;
  lastSeq: number;
  count: number;
  localAddress?: string;
}
export interface WorkerCollect {
  op: 'collect';
  sent: Record<string, number>;
  timeoutMs: number;
  /** Also wait until every console holds this seq (the head), to count missed events. */
  untilSeq?: number;
}
export type WorkerRequest = WorkerOpen | WorkerCollect | { op: 'close' };

export interface WorkerCollected {
  op: 'collected';
  latencies: number[];
  perConsoleP99: number[];
  missing: number;
  gaps: number;
  duplicates: number;
  /** Events received since the consoles opened, summed over them, and the lowest seq held. */
  received: number;
  minLastSeq: number;
  loadgen: { loopDelayP99Ms: number; loopDelayMaxMs: number; cpuShare: number };
}
export type WorkerReply =
  { op: 'opened'; ms: number } | WorkerCollected | { op: 'error'; message: string };
