/** What every section adds to the report besides its own figures: log, flags, comparisons. */
import type { Comparison, Figure, SelfMonitor } from './lib';

let silent = false;
export function setSilent(value: boolean): void {
  silent = value;
}
export const log = (s: string) => {
  if (!silent) console.log(s);
};
export const ms = (f: Figure) => `${f.value} ${f.unit}`;

interface Flag {
  where: string;
  message: string;
}
export const flags: Flag[] = [];
export const comparisons: Record<string, Comparison> = {};

export function loadgenFlag(
  where: string,
  self: ReturnType<SelfMonitor['read']>,
  p99: number,
): void {
  if (self.cpuShare > 0.9 || (self.loopDelayP99Ms > 20 && self.loopDelayP99Ms > p99 * 0.5))
    flags.push({
      where,
      message: `the load generator may have been the bottleneck (its event-loop delay p99 ${self.loopDelayP99Ms} ms, CPU ${Math.round(self.cpuShare * 100)} %)`,
    });
}
