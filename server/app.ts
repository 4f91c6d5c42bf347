import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { REAL_SPACE } from '../shared/protocol';
import { SYSTEM_ACTOR } from '../shared/domain/actor';
import { draft } from '../shared/events';
import type { Config } from './config';
import { loadDivision } from './geo';
import type { Space } from './space';
import { SpaceRegistry } from './spaces';
import { FileExerciseCatalog } from './exercise/catalog';
import { ExerciseService } from './exercise/service';
import { PdfRenderer } from './export/pdf';
import type { EventStore } from './store/eventStore';
import { JournalStore } from './store/journalStore';
import { FileCredentialStore, type CredentialStore } from './auth/credentials';
import {
  FileRevocationList,
  SessionTokens,
  loadOrCreateSecret,
  type RevocationList,
} from './auth/sessions';
import { attachGateway, endAccountSessions, endSessionSockets, type GatewayDeps } from './gateway';
import { userRoom } from './rooms';
import { Accounts } from './auth/accounts';
import { commandLimits } from './limits/commandLimiter';
import { buildHttpApp, securityHeaderList } from './http/routes';
import { OidcRelyingParty } from './auth/oidc';
import { seedDemo } from './demo';
import { randomBytes } from 'node:crypto';
import { InProcessScheduler, type Scheduler } from './jobs/scheduler';
import { startAlarmService, type AlarmService } from './alarm/service';
import { mountAlarmRoutes } from './alarm/routes';
import { mountCardRoutes } from './cards/routes';
import { buildChannels, loadChannelConfig, type ChannelConfig, type Channels } from './channels';
import { startNoticeService } from './notices/service';
import { mountNoticeRoutes } from './notices/routes';
import { FileShareViewStore, mountShares, type ShareViewStore } from './share';
import type { DivisionGeoJson } from './share/map';
import { WarningService } from './warnings/service';
import { MemoryWarningStore, type WarningStore } from './warnings/store';
import { TimerPollDriver, type PollDriver } from './warnings/drivers';
import { mountWarningRoutes } from './warnings/routes';
import {
  blobStoreFor,
  collectOrphans,
  mountFileRoutes,
  S3BlobStore,
  type BlobStore,
} from './blobs';

export interface Lagesbild {
  http: HttpServer;
  /** The HTTP routes (the documentation test walks them). */
  httpApp: ReturnType<typeof buildHttpApp>;
  io: ReturnType<typeof attachGateway>;
  spaces: Map<string, Space>;
  registry: SpaceRegistry;
  exercises: ExerciseService;
  store: EventStore;
  credentials: CredentialStore;
  accounts: Accounts;
  scheduler: Scheduler;
  alarm: AlarmService;
  warnings: WarningService;
  /** Attachment and library bytes (server/blobs/). */
  blobs: BlobStore;
  /** Removes blobs no event references (R217); run at start and every six hours. */
  sweepBlobs(): Promise<{ removed: number; kept: number }>;
  config: Config;
  listen(): Promise<number>;
  close(): Promise<void>;
}

export interface Backends {
  store: EventStore;
  credentials: CredentialStore;
  /** How long a node may trust a generation it read (a shared store: R113; default 0). */
  credentialCacheMs?: number;
  revocations: RevocationList;
  /** Timed work: in process (embedded) or BullMQ (scaled out). */
  scheduler: Scheduler;
  secret?: Buffer;
  /** Socket.IO adapter: rooms across nodes in the scaled-out mode (in-memory without it). */
  socketAdapter?: GatewayDeps['adapter'];
  /** Releases what the backends opened, after the server and the store have closed. */
  close?: () => Promise<void>;
  /** Alarm channels (SMTP, SMS gateway, webhook); default from the environment. */
  channels?: ChannelConfig;
  /** Who opened shared links (R95); the embedded mode keeps a file in DATA_DIR. */
  shareViews?: ShareViewStore;
  /** Official warnings: where the current set lives and what runs the polls (R137). */
  warnings?: { store: WarningStore; driver: PollDriver };
  /** Attachment and library bytes: files beside the journal, or an S3-compatible store. */
  blobs?: BlobStore;
}

export function embeddedBackends(config: Config): Backends {
  return {
    store: new JournalStore(config.dataDir),
    credentials: new FileCredentialStore(path.join(config.dataDir, 'credentials.json')),
    revocations: new FileRevocationList(path.join(config.dataDir, 'revoked-sessions.json')),
    scheduler: new InProcessScheduler(),
    shareViews: new FileShareViewStore(path.join(config.dataDir, 'share-views.json')),
    warnings: { store: new MemoryWarningStore(), driver: new TimerPollDriver() },
    blobs: blobStoreFor(config),
  };
}

/** Builds the whole server: storage, spaces, HTTP and socket edges. Nothing listens until listen(). */
export async function createLagesbild(
  config: Config,
  backends: Backends = embeddedBackends(config),
): Promise<Lagesbild> {
  const division = loadDivision(config.division);
  const { store, credentials } = backends;
  const accounts = new Accounts(credentials, backends.credentialCacheMs ?? 0);
  const catalog = new FileExerciseCatalog(config.scenarioDir);
  const registry = new SpaceRegistry(store, {
    snapshotEvery: config.snapshotEvery,
    replayWindow: config.replayWindow,
    districtAt: division.districtAt,
  });
  const spaces = registry.spaces;
  const real = await registry.open(REAL_SPACE, { exercises: catalog });

  await ensureGenesis(real, config, division.division, accounts);

  const secret =
    backends.secret ?? (await loadOrCreateSecret(config.dataDir, process.env.SESSION_SECRET));
  const tokens = new SessionTokens(secret, config.sessionTtlMs, backends.revocations, (userId) =>
    accounts.generation(userId),
  );
  const pdf = new PdfRenderer(config.chromiumPath);
  const shareViews =
    backends.shareViews ?? new FileShareViewStore(path.join(config.dataDir, 'share-views.json'));
  const warningBackend = backends.warnings ?? {
    store: new MemoryWarningStore(),
    driver: new TimerPollDriver(),
  };
  const blobs = backends.blobs ?? blobStoreFor(config);
  if (blobs instanceof S3BlobStore) await blobs.ensureBucket();
  const warnings = new WarningService({
    feeds: config.warningFeeds,
    pollMs: config.warningPollMs,
    ...warningBackend,
  });
  // The HTTP app must be on the server before the socket edge attaches: engine.io then takes
  // /socket.io/ requests away from it, so nobody answers a polling request twice.
  const app = buildHttpApp({
    config,
    spaces,
    catalog,
    pdf,
    blobs,
    store,
    tokens,
    accounts,
    division,
    onSignOut: (sid) => endSessionSockets(io, sid),
    endSessions: (userId, keepSid, message) => endAccountSessions(io, userId, keepSid, message),
    mount: (a, authenticate) => {
      mountAlarmRoutes(a, { spaces, authenticate });
      mountCardRoutes(a, { spaces, authenticate });
      mountNoticeRoutes(a, { spaces, secret });
      mountShares(a, authenticate, {
        spaces,
        secret,
        views: shareViews,
        pdf,
        division: (id) => catalog.loaded(id)?.geojson as DivisionGeoJson | undefined,
        publicUrl: config.publicUrl,
        rateLimit: config.shareRateLimit,
      });
      mountWarningRoutes(a, authenticate, { service: warnings, spaces });
      mountFileRoutes(a, authenticate, { spaces, blobs, uploadMaxBytes: config.uploadMaxBytes });
    },
    secret,
    oidc: config.oidc ? new OidcRelyingParty(config.oidc) : undefined,
  });
  const http = createServer(app);
  const channelConfig = backends.channels ?? loadChannelConfig();
  const channels = buildChannels(spaces, channelConfig);
  const publicUrl = () => {
    if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/$/, '');
    const addr = http.address() as AddressInfo | null;
    return `http://localhost:${addr?.port ?? 8080}`;
  };
  const alarm = wireAlarm(spaces, backends, channels, channelConfig, secret, publicUrl);
  const io = attachGateway(http, {
    registry,
    tokens,
    nodeId: config.nodeId,
    allowedOrigins: config.allowedOrigins,
    fanOutWindowMs: config.fanOutWindowMs,
    adapter: backends.socketAdapter,
    protocolVersion: config.protocolVersion,
    commandLimits: commandLimits(config.commandRatePerSecond, config.commandBurst),
    socketBufferLimitBytes: config.socketBufferLimitBytes,
    responseHeaders: securityHeaderList(config),
  });
  // R271: notices reach who is not signed in (no console socket on any node) over the channels.
  const notices = startNoticeService({
    spaces,
    scheduler: backends.scheduler,
    channels,
    secret,
    publicUrl,
    isSignedIn: async (userId) => (await io.in(userRoom(userId)).fetchSockets()).length > 0,
  });
  const exercises = new ExerciseService(registry, backends.scheduler, catalog);
  await exercises.start();
  // Each node tells its own consoles: every node hears of a new set from the store (R137).
  warnings.on('changed', (c) => io.local.emit('warnings', c));
  await warnings.start();
  const sweepBlobs = () =>
    collectOrphans(
      blobs,
      new Map([...spaces].map(([name, s]) => [name, s.state] as const)),
      config.blobOrphanMs,
    );
  const sweepTimer = setInterval(() => void sweepBlobs().catch(sweepFailed), 6 * 3_600_000);
  sweepTimer.unref();
  const firstSweep = setTimeout(() => void sweepBlobs().catch(sweepFailed), 60_000);
  firstSweep.unref();

  return {
    http,
    httpApp: app,
    io,
    spaces,
    registry,
    exercises,
    store,
    credentials,
    accounts,
    scheduler: backends.scheduler,
    alarm,
    warnings,
    blobs,
    sweepBlobs,
    config,
    listen: async () => {
      const port = await new Promise<number>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve((http.address() as AddressInfo).port));
      });
      // Pending alarm work starts once answer links can name the real port; exercise spaces
      // opened later are wired as they open.
      registry.onAdded((s) => void alarm.wireSpace(s));
      registry.onAdded((s) => void notices.wireSpace(s));
      return port;
    },
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
      await alarm.close();
      notices.close();
      await warnings.close();
      await backends.scheduler.close();
      await pdf.close();
      await shareViews.close();
      clearInterval(sweepTimer);
      clearTimeout(firstSweep);
      await blobs.close();
      registry.closeAll();
      await store.close();
      await backends.close?.();
    },
  };
}

function sweepFailed(err: unknown): void {
  console.error('[blobs] städningen av oanvända filer misslyckades', (err as Error).message);
}

/**
 * Alarm and call-in: channels, the job handlers and the reactions to alarm events,
 * in their own module; here only the wiring. Exercise spaces are wired as they open
 * (`app.alarm.wireSpace(space)`).
 */
function wireAlarm(
  spaces: Map<string, Space>,
  backends: Backends,
  channels: Channels,
  channelConfig: ChannelConfig,
  secret: Buffer,
  publicUrl: () => string,
): AlarmService {
  return startAlarmService({
    spaces,
    scheduler: backends.scheduler,
    channels,
    sendConcurrency: channelConfig.sendConcurrency,
    config: { secret, publicUrl },
  });
}

/** The first events of a new installation: the division, an administrator, and demo data if on. */
async function ensureGenesis(
  real: Space,
  config: Config,
  division: ReturnType<typeof loadDivision>['division'],
  accounts: Accounts,
): Promise<void> {
  // A new demo installation writes its division itself, at the start of its backdated history.
  if (config.demo && real.seq === 0) return seedDemo(real, accounts, division);
  const current = real.state.division;
  const same =
    current?.id === division.id && current.districts.length === division.districts.length;
  if (!same)
    await real.appendSystem(SYSTEM_ACTOR, `system:division:${division.id}:${real.seq}`, [
      draft('division.configured', division),
    ]);
  if (Object.keys(real.state.users).length > 0) return;
  if (config.demo) {
    await seedDemo(real, accounts);
    return;
  }
  // R112: the first administrator's password is an initial one, whoever chose it: the first
  // sign-in must change it, so neither the printed one nor ADMIN_PASSWORD stays in use.
  const password = process.env.ADMIN_PASSWORD || randomBytes(12).toString('base64url');
  await real.appendSystem(SYSTEM_ACTOR, 'system:bootstrap-admin', [
    draft('user.registered', { userId: 'admin', name: 'Systemadministratör', role: 'admin' }),
  ]);
  // Several nodes may start on an empty log together: only the first one's password counts.
  const first = await accounts.setFirstPassword('admin', password, true);
  if (first && !process.env.ADMIN_PASSWORD)
    console.log(
      `[start-up] Kontot "admin" skapades med engångslösenordet: ${password}  (det måste bytas vid första inloggningen)`,
    );
  else if (first)
    console.log(
      '[start-up] Kontot "admin" skapades med ADMIN_PASSWORD som engångslösenord (det måste bytas vid första inloggningen)',
    );
}
