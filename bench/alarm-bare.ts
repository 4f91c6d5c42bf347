/**
 * The alarm benchmark's bare baseline, as its own process on the servers' core: the same N
 * first messages sent straight to the provider — no log, no jobs, no bound on concurrency,
 * a failure retried at once. Prints one JSON line {startedAt, finishedAt, failedForGood}.
 * Run: node --import tsx bench/alarm-bare.ts --url http://127.0.0.1:PORT/sms --people 1000 --tag b
 */
const arg = (name: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) throw new Error(`--${name} is required`);
  return process.argv[i + 1];
};
const url = arg('url');
const people = Number(arg('people'));
const tag = arg('tag');

async function sendOne(i: number): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        to: `+4670${String(i).padStart(7, '0')}`,
        text: 'Larm: Benchmark. Kom in.',
        reference: `${tag}~${i}|1|sms`,
      }),
    });
    await res.text();
    if (res.ok) return true;
  }
  return false;
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const ok = await Promise.all(Array.from({ length: people }, (_, i) => sendOne(i)));
  console.log(
    JSON.stringify({
      startedAt,
      finishedAt: Date.now(),
      failedForGood: ok.filter((x) => !x).length,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
