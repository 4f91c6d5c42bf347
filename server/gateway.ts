import type { Server as HttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { parse as parseCookie } from 'cookie';
import type { Actor } from '../shared/domain/actor';
import type { StoredEvent } from '../shared/events';
import {
  CommandEnvelope,
  PROTOCOL_MISMATCH_MESSAGE,
  PROTOCOL_VERSION,
  REAL_SPACE,
  UNNAMED_PROTOCOL_VERSION,
  type ProtocolMismatch,
  type ClientToServerEvents,
  type CommandAck,
  type HandshakeAuth,
  type ServerToClientEvents,
} from '../shared/protocol';
import { canSee, maySeeSpace, redactState, visibilityClassOf } from '../shared/visibility';
import { ClassRooms, sessionRoom, userRoom } from './rooms';
import { describeIssues } from '../shared/handleCommand';
import { PASSWORD_CHANGE_REQUIRED_MESSAGE, type Refusal } from '../shared/errors';
import type { Space } from './space';
import { SESSION_COOKIE, type Session, type SessionTokens } from './auth/sessions';
import type { SpaceRegistry } from './spaces';
import {
  CommandLimiter,
  commandLimits,
  rateLimitedMessage,
  DEFAULT_COMMAND_BURST,
  DEFAULT_COMMAND_RATE,
  type CommandLimits,
} from './limits/commandLimiter';
import { TokenBucket } from './limits/tokenBucket';
import { DEFAULT_SOCKET_BUFFER_LIMIT_MB, bufferedBytes, dropConsumer } from './limits/outgoing';
import { lookup } from '../shared/domain/keyed';

interface SocketData {
  session: Session;
  /** The signed token, re-checked on every command so a revoked session stops at once. */
  token: string;
  userId: string;
  /** The tail of this console's command admissions, to keep them in arrival order. */
  admission: Promise<void>;
  /** This console's command bucket (R87). */
  bucket: TokenBucket;
  /** Refusals this console may still get before it is cut (REFUSALS_BEFORE_DROP). */
  refusals: TokenBucket;
}
type LbServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type LbSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface GatewayDeps {
  /** The open spaces; the gateway wires itself to each, including ones opened later. */
  registry: SpaceRegistry;
  tokens: SessionTokens;
  nodeId: string;
  allowedOrigins: string[];
  maxMessageBytes?: number;
  /** Committed batches within this many ms of the last fan-out are sent together (default 20). */
  fanOutWindowMs?: number;
  /**
   * Cross-node rooms (Redis adapter): sign-out and disabling reach sockets on every node.
   * Event fan-out stays node-local (io.local): each node sends from its own copy of the log.
   */
  adapter?: ServerOptions['adapter'];
  /** The protocol this node speaks (PROTOCOL_VERSION; a test plays another release with it). */
  protocolVersion?: number;
  /** Command rate limits per socket and per account (R87; COMMAND_RATE_PER_SECOND, …_BURST). */
  commandLimits?: CommandLimits;
  /** Unread outgoing bytes after which a console is dropped (R88; SOCKET_BUFFER_LIMIT_MB). */
  socketBufferLimitBytes?: number;
  /** Headers for engine.io's own answers (long-polling), the same as every other response. */
  responseHeaders?: Record<string, string>;
}

/**
 * A console refused RATE_LIMITED this many times at once (refilled at 100 a second) ignores
 * `retryAfterMs` and is disconnected (R87): answering each of its commands would let it keep
 * the server busy. A console that waits as told gets at most one refusal per wait.
 */
export const REFUSALS_BEFORE_DROP = 1000;
const REFUSAL_ALLOWANCE = { ratePerSecond: 100, burst: REFUSALS_BEFORE_DROP };

/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The current actor for a user, from the real space (profiles and roles live there). */
export function actorFor(spaces: ReadonlyMap<string, Space>, userId: string): Actor | null {
  const u = lookup(spaces.get(REAL_SPACE)?.state.users, userId);
  if (!u || !u.active) return null;
  return {
    userId: u.userId,
    name: u.name,
    role: u.role,
    districtId: u.districtId,
    unitId: u.unitId,
  };
}

/**
 * The actor a session speaks for: an active account, and a session issued after the account
 * was last re-enabled (R114), so disabling and enabling again never revives an old cookie.
 */
export function sessionActor(spaces: ReadonlyMap<string, Space>, session: Session): Actor | null {
  const u = lookup(spaces.get(REAL_SPACE)?.state.users, session.userId);
  if (!u || (session.seq ?? 0) < (u.sessionsFromSeq ?? 0)) return null;
  return actorFor(spaces, session.userId);
}

/** Same origin as the page, or one the operator allowed. */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: string[],
): boolean {
  if (!origin) return true; // non-browser clients send none; the session cookie still has to be valid
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The socket edge: authenticates the handshake with the session cookie, resumes each console
 * from its last seq, accepts commands and fans committed events out by visibility class.
 */
export function attachGateway(http: HttpServer, deps: GatewayDeps): LbServer {
  const spaces = deps.registry.spaces;
  const io: LbServer = new Server(http, {
    maxHttpBufferSize: deps.maxMessageBytes ?? 256 * 1024,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    perMessageDeflate: false,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    allowRequest: (req, cb) =>
      cb(null, originAllowed(req.headers.origin, req.headers.host, deps.allowedOrigins)),
  });

  if (deps.responseHeaders) {
    // R119: polling answers are written by engine.io, not Express, so helmet never sees them.
    const extra = deps.responseHeaders;
    const add = (headers: Record<string, string>) => void Object.assign(headers, extra);
    io.engine.on('initial_headers', add);
    io.engine.on('headers', add);
  }
  const protocolVersion = deps.protocolVersion ?? PROTOCOL_VERSION;
  const limiter = new CommandLimiter(
    deps.commandLimits ?? commandLimits(DEFAULT_COMMAND_RATE, DEFAULT_COMMAND_BURST),
  );
  const bufferLimit = deps.socketBufferLimitBytes ?? DEFAULT_SOCKET_BUFFER_LIMIT_MB * 2 ** 20;
  /** Drops a console that left more than the limit unread; true when it did. */
  const overLimit = (socket: LbSocket): boolean => {
    const bytes = bufferedBytes(socket);
    if (bytes <= bufferLimit) return false;
    console.warn(
      `[gateway] dropped a console of ${socket.data.userId} that left ${bytes} bytes unread (limit ${bufferLimit})`,
    );
    dropConsumer(socket);
    return true;
  };
  // Live fan-out goes to rooms, so the unread bytes are checked on a timer as well as before
  // every catch-up a console asks for.
  const sweep = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) overLimit(socket);
  }, 1000);
  sweep.unref();
  http.once('close', () => clearInterval(sweep));
  // First the version: a console of another release must reload, whatever else is wrong; it
  // must never be fed events it would read by other rules (a rolling deploy has both).
  io.use((socket, next) => {
    const named = (socket.handshake.auth as HandshakeAuth | undefined)?.protocolVersion;
    const wanted = named === undefined ? UNNAMED_PROTOCOL_VERSION : named;
    if (wanted === protocolVersion) return next();
    const data: ProtocolMismatch = {
      code: 'PROTOCOL_MISMATCH',
      message: PROTOCOL_MISMATCH_MESSAGE,
      serverVersion: protocolVersion,
    };
    next(Object.assign(new Error('PROTOCOL_MISMATCH'), { data }));
  });

  io.use(async (socket, next) => {
    const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
    const token = cookies[SESSION_COOKIE];
    const session = await deps.tokens.check(token).catch(() => null);
    if (!session || !sessionActor(spaces, session)) return next(new Error('UNAUTHENTICATED'));
    // R112: a session signed in with an initial password gets no console until it is changed.
    if (session.mustChange)
      return next(
        Object.assign(new Error('PASSWORD_CHANGE_REQUIRED'), {
          data: { code: 'PASSWORD_CHANGE_REQUIRED', message: PASSWORD_CHANGE_REQUIRED_MESSAGE },
        }),
      );
    socket.data.session = session;
    socket.data.token = token as string;
    socket.data.admission = Promise.resolve();
    socket.data.bucket = limiter.socketBucket();
    socket.data.refusals = new TokenBucket(REFUSAL_ALLOWANCE, Date.now());
    socket.data.userId = session.userId;
    next();
  });

  io.on('connection', (socket: LbSocket) => {
    const actor = actorFor(spaces, socket.data.userId);
    if (!actor) return void socket.disconnect(true);
    void socket.join([userRoom(actor.userId), sessionRoom(socket.data.session.sid)]);
    const real = spaces.get(REAL_SPACE);
    const user = lookup(real?.state.users, actor.userId);
    if (user)
      socket.emit('hello', {
        protocolVersion,
        nodeId: deps.nodeId,
        user,
        serverTime: new Date().toISOString(),
      });
    const auth = (socket.handshake.auth ?? {}) as HandshakeAuth;
    const lastSeq =
      Number.isInteger(auth.lastSeq) && (auth.lastSeq as number) >= 0
        ? (auth.lastSeq as number)
        : 0;
    subscribe(socket, actor, REAL_SPACE, lastSeq);

    // Sessions expire while the socket is open too.
    // setTimeout fires at once beyond 2^31-1 ms, so a long session re-arms in steps.
    let expiry: NodeJS.Timeout;
    const arm = () => {
      const left = socket.data.session.exp - Date.now();
      expiry =
        left > MAX_TIMER_MS
          ? setTimeout(arm, MAX_TIMER_MS)
          : setTimeout(
              () => endSession(socket, 'Sessionen har gått ut. Logga in igen.'),
              Math.max(0, left),
            );
    };
    arm();
    socket.on('disconnect', () => clearTimeout(expiry));

    socket.on('subscribe', async (req, ack) => {
      if (typeof ack !== 'function') return;
      // R88: a catch-up is the largest thing a console can make the server send; one that
      // does not read what it asked for is dropped, and asking is rate limited like commands.
      if (overLimit(socket)) return;
      const verdict = limiter.admit(socket.data.bucket, socket.data.userId);
      if (!verdict.ok) return ack({ ok: false, message: rateLimitedMessage(verdict.retryAfterMs) });
      const space = typeof req?.space === 'string' ? req.space : '';
      const target = await deps.registry.ready(space);
      const a = actorFor(spaces, socket.data.userId);
      if (!a || !target) return ack({ ok: false, message: 'Rummet finns inte.' });
      if (!maySeeSpace(a, target.state))
        return ack({ ok: false, message: 'Du deltar inte i den här övningen.' });
      subscribe(socket, a, space, Number.isInteger(req.lastSeq) ? req.lastSeq : 0);
      ack({ ok: true });
    });

    socket.on('command', (raw, ack) => {
      if (typeof ack !== 'function') return; // a command without an ack cannot be answered; ignore it
      const reply = (a: CommandAck) => {
        try {
          ack(a);
        } catch {
          /* the console went away; it will learn the outcome when it resumes */
        }
      };
      // R87: a flood is refused here, before parsing or queueing, so it costs others little.
      const verdict = limiter.admit(socket.data.bucket, socket.data.userId);
      if (!verdict.ok && !socket.data.refusals.takeOne(Date.now())) {
        // It ignores retryAfterMs: answering each one would let it keep the server busy.
        console.warn(`[gateway] dropped a console of ${socket.data.userId} that kept flooding`);
        return dropConsumer(socket);
      }
      if (!verdict.ok)
        return reply({
          ok: false,
          error: {
            code: 'RATE_LIMITED',
            message: rateLimitedMessage(verdict.retryAfterMs),
            details: { retryAfterMs: verdict.retryAfterMs },
          },
        });
      // Commands from one console enter the space's queue in the order they arrived, even
      // though checking the session is asynchronous: an offline queue replayed after reconnect
      // is applied in order. Only admission is serialised; durability is still group-committed.
      const admitted = socket.data.admission.then(() => admit(socket, raw));
      socket.data.admission = admitted.then(
        () => undefined,
        () => undefined,
      );
      // Whatever goes wrong in one command must neither crash the process nor leak a stack.
      admitted
        .then(async (a) => {
          reply(await a.outcome);
          // The refusal goes out first, then the socket is ended (the console learns why).
          if (a.endSession) endSession(socket, 'Sessionen har gått ut. Logga in igen.');
        })
        .catch((err: unknown) => {
          console.error('[gateway] command failed', err);
          reply({
            ok: false,
            error: { code: 'INTERNAL', message: 'Ett internt fel uppstod. Inget sparades.' },
          });
        });
    });
  });

  interface Admitted {
    outcome: Promise<CommandAck>;
    /** The session is over: end the socket once the refusal has been sent. */
    endSession?: boolean;
  }
  const answer = (a: CommandAck): Admitted => ({ outcome: Promise.resolve(a) });

  /** Checks one wire command and hands it to its space; the outcome settles once it is durable. */
  async function admit(socket: LbSocket, raw: unknown): Promise<Admitted> {
    const env = CommandEnvelope.safeParse(raw);
    if (!env.success)
      return answer({
        ok: false,
        error: { code: 'INVALID', message: `Ogiltigt kommando. ${describeIssues(env.error)}` },
      });
    const session = await deps.tokens.check(socket.data.token);
    if (!session || !sessionActor(spaces, session))
      return {
        ...answer({
          ok: false,
          error: { code: 'UNAUTHENTICATED', message: 'Sessionen har gått ut. Logga in igen.' },
        }),
        endSession: true,
      };
    if (session.mustChange)
      return answer({
        ok: false,
        error: { code: 'PASSWORD_CHANGE_REQUIRED', message: PASSWORD_CHANGE_REQUIRED_MESSAGE },
      });
    const current = actorFor(spaces, socket.data.userId);
    if (!current)
      return answer({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Ditt konto är inaktiverat.' },
      });
    // A space still being prepared (an exercise just started) is waited for, not refused.
    const space = await deps.registry.ready(env.data.space ?? REAL_SPACE);
    if (!space)
      return answer({ ok: false, error: { code: 'NOT_FOUND', message: 'Rummet finns inte.' } });
    if (!maySeeSpace(current, space.state))
      return answer({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Du deltar inte i den här övningen.' },
      });
    const outcome = space.submit(
      env.data.actingFor ? { ...current, actingFor: env.data.actingFor } : current,
      `${current.userId}:${env.data.id}`,
      { type: env.data.type, payload: env.data.payload },
    );
    return {
      outcome: outcome.then((o): CommandAck =>
        o.ok
          ? {
              ok: true,
              seq: o.seq,
              firstSeq: o.firstSeq,
              ...(o.duplicate ? { duplicate: true } : {}),
            }
          : { ok: false, error: strip(o.error) },
      ),
    };
  }

  function endSession(socket: LbSocket, message: string): void {
    socket.emit('session_ended', { code: 'UNAUTHENTICATED', message });
    socket.disconnect(true);
  }

  /** Sends what the console missed (or a snapshot) and joins it to the live stream, in one tick. */
  function subscribe(socket: LbSocket, actor: Actor, spaceName: string, lastSeq: number): void {
    const space = spaces.get(spaceName);
    if (!space) return;
    // Whatever is committed but still waiting in the fan-out window goes out first, so the
    // catch-up below and the live stream meet exactly: no gap, no duplicate.
    flushFanOut(spaceName);
    const missed = lastSeq <= space.seq ? space.eventsAfter(lastSeq) : null;
    if (missed === null) {
      socket.emit('snapshot', {
        space: spaceName,
        seq: space.seq,
        state: redactState(space.state, actor),
      });
    } else if (missed.length > 0) {
      socket.emit(
        'events',
        missed.filter((e) => canSee(actor, e.audience)),
        { space: spaceName, from: lastSeq + 1, to: space.seq },
      );
    }
    for (const room of socket.rooms) if (classRooms.isOf(spaceName, room)) void socket.leave(room);
    const room = classRooms.join(spaceName, visibilityClassOf(actor));
    void socket.join(room);
  }

  // Fan-out: one encode per visibility class, to this node's sockets only (other nodes fan out
  // the same events from their own copy of the log, so nothing is sent twice).
  //
  // Coalescing only under load. A batch committed when this space has sent fewer than
  // BUSY_SENDS batches in the current window goes out at once (the first after a quiet spell)
  // or on the next turn of the event loop (gathering whatever else commits in the same turn),
  // so at ordinary rates nothing waits. Only once batches come faster than that are the rest of
  // the window's batches held and sent together when it ends: every socket write costs the same
  // whatever it carries, so under load this turns one write per batch per console into one per
  // window per console.
  const windowMs = deps.fanOutWindowMs ?? 20;
  const BUSY_SENDS = 2;
  interface Held {
    events: StoredEvent[];
    cancel: () => void;
  }
  const held = new Map<string, Held>();
  const windows = new Map<string, { start: number; sends: number }>();
  function queueFanOut(spaceName: string, events: StoredEvent[]): void {
    const waiting = held.get(spaceName);
    if (waiting) {
      for (const e of events) waiting.events.push(e);
      return;
    }
    if (windowMs <= 0) return fanOut(spaceName, events);
    const now = performance.now();
    let w = windows.get(spaceName);
    if (!w || now - w.start >= windowMs) windows.set(spaceName, (w = { start: now, sends: 0 }));
    if (w.sends === 0) return fanOut(spaceName, events);
    const h: Held = { events: [...events], cancel: () => undefined };
    if (w.sends < BUSY_SENDS) {
      const imm = setImmediate(() => flushFanOut(spaceName));
      h.cancel = () => clearImmediate(imm);
    } else {
      const timer = setTimeout(() => flushFanOut(spaceName), w.start + windowMs - now);
      timer.unref();
      h.cancel = () => clearTimeout(timer);
    }
    held.set(spaceName, h);
  }
  function flushFanOut(spaceName: string): void {
    const waiting = held.get(spaceName);
    if (!waiting) return;
    held.delete(spaceName);
    waiting.cancel();
    fanOut(spaceName, waiting.events);
  }

  /** Visibility-class rooms per space, so fan-out never walks every socket's own rooms. */
  const classRooms = new ClassRooms();
  function fanOut(spaceName: string, events: StoredEvent[]): void {
    const w = windows.get(spaceName);
    if (w) w.sends++;
    const from = events[0].seq;
    const to = events[events.length - 1].seq;
    const rooms = io.of('/').adapter.rooms;
    for (const [room, cls] of classRooms.of(spaceName)) {
      const members = rooms.get(room);
      if (!members || members.size === 0) {
        classRooms.drop(spaceName, room);
        continue;
      }
      const visible = cls.all ? events : events.filter((e) => canSee(cls.member, e.audience));
      io.local.to(room).emit('events', visible, { space: spaceName, from, to });
    }
  }

  const wired = new Set<string>();
  function wire(space: Space): void {
    if (wired.has(space.name)) return;
    wired.add(space.name);
    space.on('events', (events: StoredEvent[]) => {
      queueFanOut(space.name, events);
      for (const e of events) {
        if (e.type === 'user.disabled') {
          io.local
            .in(userRoom(e.data.userId))
            .emit('session_ended', { code: 'FORBIDDEN', message: 'Ditt konto har inaktiverats.' });
          io.local.in(userRoom(e.data.userId)).disconnectSockets(true);
        }
      }
    });
  }
  deps.registry.onAdded(wire);
  return io;
}

function strip(e: Refusal): {
  code: Refusal['code'];
  message: string;
  details?: Record<string, unknown>;
} {
  return { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
}

/**
 * Ends an account's sessions on every node after its password changed (R113): the others are
 * told why and cut; the sockets of `keepSid` (the session that made the change) are only
 * closed, and reconnect by themselves with its renewed cookie.
 */
export function endAccountSessions(
  io: LbServer,
  userId: string,
  keepSid: string | null,
  message: string,
): void {
  const others = keepSid
    ? io.in(userRoom(userId)).except(sessionRoom(keepSid))
    : io.in(userRoom(userId));
  others.emit('session_ended', { code: 'UNAUTHENTICATED', message });
  others.disconnectSockets(true);
  if (keepSid) io.in(sessionRoom(keepSid)).disconnectSockets(true);
}

/** Ends every socket of one signed-in session (sign-out). */
export function endSessionSockets(io: LbServer, sid: string): void {
  io.in(sessionRoom(sid)).emit('session_ended', {
    code: 'UNAUTHENTICATED',
    message: 'Du har loggat ut.',
  });
  io.in(sessionRoom(sid)).disconnectSockets(true);
}
