/** Alarm dispatch as a section of the report: runs bench/alarm.ts, turns its figures into JSON. */
import { compare, fig } from './lib';
import { LOADGEN_CORE, SERVER_CORE, type BenchOptions } from './options';
import { comparisons, flags, log } from './report';
export async function benchAlarm(opts: BenchOptions) {
  const people = opts.alarmPeople;
  log(`\n== Alarm dispatch (${people} people, simulated SMS provider, a node killed mid-run)`);
  const { runAlarmBench, summarise } = await import('./alarm');
  // Short silence timeouts in the small modes, so the escalation timers fire within seconds.
  const timeout = opts.mode === 'full' ? 8 : opts.mode === 'quick' ? 3 : 2;
  const r = await runAlarmBench({
    people,
    timeoutSeconds: timeout,
    dist: opts.dist,
    scenarios: opts.alarmScenarios,
    serverCore: opts.pin ? SERVER_CORE : undefined,
    loadgenCore: opts.pin ? LOADGEN_CORE : undefined,
  });
  log(
    summarise(r)
      .split('\n')
      .map((l) => `  ${l.trim()}`)
      .join('\n'),
  );
  const scenarios = r.scenarios.map((s) => {
    if (!s.available) return { scenario: s.scenario, available: false, reason: s.reason };
    comparisons[`alarm.allFirstMessages.${s.scenario}`] = compare(
      fig(s.allFirstMessagesMs, 'ms'),
      fig(r.baseline.allFirstMessagesMs, 'ms'),
      '< 2 s for 1,000 people, 0 lost',
    );
    if (s.lost || s.duplicates)
      flags.push({
        where: `alarm ${s.scenario}`,
        message: `${s.lost} first messages lost, ${s.duplicates} sent twice`,
      });
    return {
      scenario: s.scenario,
      available: true,
      ...(s.killedAtMs !== undefined
        ? { killedAt: fig(s.killedAtMs, 'ms'), firstMessagesOutAtKill: s.firstOutAtKill }
        : {}),
      allFirstMessages: fig(s.allFirstMessagesMs, 'ms'),
      halfFirstMessages: fig(s.halfFirstMessagesMs, 'ms'),
      p99FirstMessages: fig(s.p99FirstMessagesMs, 'ms'),
      lost: s.lost,
      firstReplacedByReminder: s.firstReplacedByReminder,
      duplicates: s.duplicates,
      resumedSends: s.resumed,
      repeatsDroppedByKey: s.replayedByKey,
      keyConflicts: s.keyConflicts,
      retriedSends: s.retries,
      timerLateness: {
        count: s.timers.count,
        p50: fig(s.timers.p50Ms, 'ms'),
        p99: fig(s.timers.p99Ms, 'ms'),
        max: fig(s.timers.maxMs, 'ms'),
      },
    };
  });
  return {
    available: true,
    people: r.people,
    provider: r.provider,
    baselineAllFirstMessages: fig(r.baseline.allFirstMessagesMs, 'ms'),
    baselineLost: r.baseline.lost,
    scenarios,
    ratios: r.ratios,
    targets:
      'every first message of 1,000 handed over in < 2 s, 0 lost, 0 sent twice, with a node killed too; Redis within 1.5× of embedded; timers late < 1 s at p99',
  };
}
