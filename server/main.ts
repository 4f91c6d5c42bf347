import { applySettingFiles, loadConfig, redisTarget } from './config';
import { createLagesbild, embeddedBackends } from './app';

/** `npm start`: one process, the embedded store unless REDIS_URL or REDIS_SENTINELS is set. */
async function main(): Promise<void> {
  // First: secrets mounted as files reach every module that reads the environment.
  applySettingFiles();
  const config = loadConfig();
  // The Redis client, BullMQ and the adapter are loaded only in the Redis mode: a restarted
  // embedded node is back sooner.
  const backends = redisTarget(config)
    ? await (await import('./redis/backends')).redisBackends(config)
    : embeddedBackends(config);
  const app = await createLagesbild(config, backends);
  const port = await app.listen();
  const real = app.spaces.get('real');
  console.log(
    `Lägesbild kör på http://localhost:${port} (${app.store.kind === 'journal' ? `inbäddad journal i ${config.dataDir}` : 'Redis'}; ${real?.seq ?? 0} händelser i loggen${config.demo ? '; demodata på' : ''})`,
  );
  let closing = false;
  const shutdown = (sig: string) => {
    if (closing) return;
    closing = true;
    console.log(`${sig}: stänger…`);
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(`Lägesbild kunde inte starta: ${(err as Error).message}`);
  process.exit(1);
});
