import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { REAL_SPACE } from '../shared/protocol';
import { SYSTEM_ACTOR } from '../shared/domain/actor';
import { draft } from '../shared/events';
import type { Config } from './config';
import { loadDivision } from './geo';
import { Space } from './space';
import type { EventStore } from './store/eventStore';
import { JournalStore } from './store/journalStore';
import { FileCredentialStore, type CredentialStore } from './auth/credentials';
import {
  FileRevocationList,
  SessionTokens,
  loadOrCreateSecret,
  type RevocationList,
} from './auth/sessions';
import { attachGateway, endSessionSockets } from './gateway';
import { buildHttpApp } from './http/routes';
import { OidcRelyingParty } from './auth/oidc';
import { seedDemo } from './demo';
import { hashPassword } from './auth/passwords';
import { randomBytes } from 'node:crypto';
import { InProcessScheduler, type Scheduler } from './jobs/scheduler';

export interface Lagesbild {
  http: HttpServer;
  io: ReturnType<typeof attachGateway>;
  spaces: Map<string, Space>;
  store: EventStore;
  credentials: CredentialStore;
  scheduler: Scheduler;
  config: Config;
  listen(): Promise<number>;
  close(): Promise<void>;
}

export interface Backends {
  store: EventStore;
  credentials: CredentialStore;
  revocations: RevocationList;
  /** Timed work: in process (embedded) or BullMQ (scaled out). */
  scheduler: Scheduler;
  secret?: Buffer;
}

export function embeddedBackends(config: Config): Backends {
  return {
    store: new JournalStore(config.dataDir),
    credentials: new FileCredentialStore(path.join(config.dataDir, 'credentials.json')),
    revocations: new FileRevocationList(path.join(config.dataDir, 'revoked-sessions.json')),
    scheduler: new InProcessScheduler(),
  };
}

/** Builds the whole server: storage, spaces, HTTP and socket edges. Nothing listens until listen(). */
export async function createLagesbild(
  config: Config,
  backends: Backends = embeddedBackends(config),
): Promise<Lagesbild> {
  const division = loadDivision(config.division);
  const { store, credentials } = backends;
  const spaces = new Map<string, Space>();
  const opts = {
    snapshotEvery: config.snapshotEvery,
    replayWindow: config.replayWindow,
    districtAt: division.districtAt,
  };
  const real = await Space.open(REAL_SPACE, store, opts);
  spaces.set(REAL_SPACE, real);
  for (const n of real.report.notes) console.warn(`[start-up] ${n}`);
  if (real.report.chainBreak)
    console.error(
      `[start-up] LOGGENS KEDJA ÄR BRUTEN vid sekvens ${real.report.chainBreak.seq}: ${real.report.chainBreak.reason}`,
    );

  await ensureGenesis(real, config, division.division, credentials);

  const secret =
    backends.secret ?? (await loadOrCreateSecret(config.dataDir, process.env.SESSION_SECRET));
  const tokens = new SessionTokens(secret, config.sessionTtlMs, backends.revocations);
  // The HTTP app must be on the server before the socket edge attaches: engine.io then takes
  // /socket.io/ requests away from it, so nobody answers a polling request twice.
  const app = buildHttpApp({
    config,
    spaces,
    store,
    tokens,
    credentials,
    division,
    onSignOut: (sid) => endSessionSockets(io, sid),
    secret,
    oidc: config.oidc ? new OidcRelyingParty(config.oidc) : undefined,
  });
  const http = createServer(app);
  const io = attachGateway(http, {
    spaces,
    tokens,
    nodeId: config.nodeId,
    allowedOrigins: config.allowedOrigins,
    fanOutWindowMs: config.fanOutWindowMs,
  });

  return {
    http,
    io,
    spaces,
    store,
    credentials,
    scheduler: backends.scheduler,
    config,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve((http.address() as AddressInfo).port));
      }),
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
      await backends.scheduler.close();
      for (const s of spaces.values()) s.close();
      await store.close();
    },
  };
}

/** The first events of a new installation: the division, an administrator, and demo data if on. */
async function ensureGenesis(
  real: Space,
  config: Config,
  division: ReturnType<typeof loadDivision>['division'],
  credentials: CredentialStore,
): Promise<void> {
  const current = real.state.division;
  const same =
    current?.id === division.id && current.districts.length === division.districts.length;
  if (!same)
    await real.appendSystem(SYSTEM_ACTOR, `system:division:${division.id}:${real.seq}`, [
      draft('division.configured', division),
    ]);
  if (Object.keys(real.state.users).length > 0) return;
  if (config.demo) {
    await seedDemo(real, credentials);
    return;
  }
  const password = process.env.ADMIN_PASSWORD || randomBytes(9).toString('base64url');
  await real.appendSystem(SYSTEM_ACTOR, 'system:bootstrap-admin', [
    draft('user.registered', { userId: 'admin', name: 'Systemadministratör', role: 'admin' }),
  ]);
  await credentials.set('admin', await hashPassword(password));
  if (!process.env.ADMIN_PASSWORD)
    console.log(`[start-up] Kontot "admin" skapades med lösenordet: ${password}  (byt det)`);
}
