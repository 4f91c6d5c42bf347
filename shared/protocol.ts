import { z } from 'zod';
import { DelegableRole } from './domain/vocabulary';
import type { CityState, UserProfile } from './domain/state';
import type { StoredEvent } from './events';
import type { ErrorCode } from './errors';
import type { WarningFeature } from './warnings';

/**
 * The socket protocol (docs/protocol.md, with its version history). A release that changes what
 * a message means raises it; a node serves only its own version, and a console only its own.
 */
export const PROTOCOL_VERSION = 1;
/** A console that names no version in its handshake was built before consoles named it. */
export const UNNAMED_PROTOCOL_VERSION = 1;

/** The `connect_error` a node gives a console of a version it cannot serve (message = code). */
export interface ProtocolMismatch {
  code: 'PROTOCOL_MISMATCH';
  message: string;
  /** The version this node speaks. */
  serverVersion: number;
}

/** What the console shows when its version and the server's differ. */
export const PROTOCOL_MISMATCH_MESSAGE = 'En ny version finns – ladda om sidan';
export const REAL_SPACE = 'real';

/** A command as it arrives on the wire; its payload is checked against the command's own schema. */
export const CommandEnvelope = z
  .object({
    id: z.string().min(8, 'Kommandot saknar id.').max(128),
    type: z.string().min(1).max(80),
    payload: z.unknown(),
    space: z.string().max(90).optional(),
    /** Act for a deciding role through a recorded delegation (tjänstgörande, vice). */
    actingFor: DelegableRole.optional(),
  })
  .strict();
export type CommandEnvelope = z.infer<typeof CommandEnvelope>;

/**
 * The answer to one command (docs/protocol.md, "The ack"). Events have no id of their own: a
 * command's events take the contiguous seqs `firstSeq`–`seq` of its space, so the range is
 * what names them (`firstSeq > seq` only for a command that produced none). A duplicate (the
 * same command id again) answers the original range and appends nothing.
 */
export type CommandAck =
  | { ok: true; seq: number; firstSeq: number; duplicate?: boolean }
  | { ok: false; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

/** Sent with every `events` batch: the range it covers, so a console can see a gap at once. */
export interface BatchMeta {
  space: string;
  /** First seq of the range (the console's last seq + 1). */
  from: number;
  /** Last seq of the range; events the console may not see are left out, the range still covers them. */
  to: number;
}

export interface SnapshotMessage {
  space: string;
  seq: number;
  state: CityState;
}

export interface Hello {
  protocolVersion: number;
  nodeId: string;
  user: UserProfile;
  serverTime: string;
}

export interface SubscribeRequest {
  space: string;
  lastSeq: number;
}

export interface ServerToClientEvents {
  hello: (h: Hello) => void;
  events: (events: StoredEvent[], meta: BatchMeta) => void;
  snapshot: (s: SnapshotMessage) => void;
  /** The session ended (signed out, expired, account disabled); the console must sign in again. */
  session_ended: (reason: { code: ErrorCode; message: string }) => void;
  /** The live official warnings changed: the whole set, as GET /api/warnings gives it. */
  warnings: (c: WarningCollectionMessage) => void;
}

/** The `warnings` message: GET /api/warnings's FeatureCollection (docs/protocol.md). */
export interface WarningCollectionMessage {
  type: 'FeatureCollection';
  features: WarningFeature[];
  feeds: WarningFeedStatus[];
  origin: 'live' | 'scenario' | 'off';
  version: number;
  updatedAt: string;
}

/** One feed's status line: "hämtat HH:MM" or "fel sedan HH:MM" with the reason. */
export interface WarningFeedStatus {
  id: string;
  kind: 'smhi' | 'vma' | 'cap';
  label: string;
  state: 'pending' | 'ok' | 'error';
  lastOkAt: string | null;
  failingSince: string | null;
  reason: string | null;
  dataAt: string | null;
  count: number;
  nextTryAt: number;
}

export interface ClientToServerEvents {
  command: (env: CommandEnvelope, ack: (a: CommandAck) => void) => void;
  subscribe: (req: SubscribeRequest, ack: (a: { ok: boolean; message?: string }) => void) => void;
}

/** The handshake auth a console sends: the protocol it speaks and where it left off. */
export interface HandshakeAuth {
  protocolVersion?: number;
  lastSeq?: number;
  space?: string;
}
