import { loadConfig } from './config';
import { createLagesbild, embeddedBackends } from './app';

/** `npm start`: one process, the embedded store unless REDIS_URL is set. */
async function main(): Promise<void> {
  const config = loadConfig();
  const backends = embeddedBackends(config);
  if (config.redisUrl) throw new Error('REDIS_URL is set, but this build has no Redis mode yet');
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
