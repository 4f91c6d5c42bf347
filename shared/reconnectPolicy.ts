/**
 * How a console retries after losing the server. Shared with the benchmark's load generator
 * (bench/lib.ts), so the reconnect-storm figure is the real console's.
 *
 * Socket.IO waits `reconnectionDelay × 2^attempt`, randomised by ±`randomizationFactor`, and
 * then capped at `reconnectionDelayMax`. A cap of 1 s means a console is back at most about a
 * second after the server is; the ±50 % jitter spreads 1,000 consoles over half a second
 * instead of letting them all arrive in the same millisecond after a restart.
 */
export const RECONNECT_POLICY = {
  reconnectionDelay: 250,
  reconnectionDelayMax: 1_000,
  randomizationFactor: 0.5,
} as const;
