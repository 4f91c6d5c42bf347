import { CommandLimiter, commandLimits, rateLimitedMessage } from './commandLimiter';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

test('R87 a socket may send its burst at once, then at the documented rate; a refusal says when to retry', () => {
  const c = clock();
  const limiter = new CommandLimiter(commandLimits(20, 100), c.now);
  const sock = limiter.socketBucket();
  for (let i = 0; i < 100; i++) expect(limiter.admit(sock, 'u1')).toEqual({ ok: true });
  const refused = limiter.admit(sock, 'u1');
  expect(refused).toEqual({ ok: false, retryAfterMs: 50 });
  c.advance(49);
  expect(limiter.admit(sock, 'u1').ok).toBe(false);
  c.advance(1);
  expect(limiter.admit(sock, 'u1').ok).toBe(true);
  // One second later: twenty more, not twenty-one.
  c.advance(1000);
  let n = 0;
  while (limiter.admit(sock, 'u1').ok) n++;
  expect(n).toBe(20);
});

test('R87 the account limit covers all of a person’s consoles; another person is not affected', () => {
  const c = clock();
  const limiter = new CommandLimiter(commandLimits(20, 100), c.now);
  const socks = [limiter.socketBucket(), limiter.socketBucket(), limiter.socketBucket()];
  let admitted = 0;
  for (const s of socks) for (let i = 0; i < 100; i++) if (limiter.admit(s, 'u1').ok) admitted++;
  expect(admitted).toBe(200);
  expect(limiter.admit(limiter.socketBucket(), 'u1').ok).toBe(false);
  expect(limiter.admit(limiter.socketBucket(), 'u2').ok).toBe(true);
});

test('R87 a refused command takes no token', () => {
  const c = clock();
  const limiter = new CommandLimiter(commandLimits(1, 1), c.now);
  const sock = limiter.socketBucket();
  expect(limiter.admit(sock, 'u').ok).toBe(true);
  for (let i = 0; i < 50; i++) expect(limiter.admit(sock, 'u').ok).toBe(false);
  c.advance(1000);
  expect(limiter.admit(sock, 'u').ok).toBe(true);
});

test('R87 idle accounts are forgotten; the message is Swedish and names the wait', () => {
  const c = clock();
  const limiter = new CommandLimiter(commandLimits(20, 100), c.now);
  for (let i = 0; i < 500; i++) limiter.admit(limiter.socketBucket(), `u${i}`);
  expect(limiter.trackedAccounts).toBe(500);
  c.advance(120_000);
  limiter.admit(limiter.socketBucket(), 'late');
  expect(limiter.trackedAccounts).toBe(1);
  expect(rateLimitedMessage(1500)).toBe(
    'För många kommandon på kort tid. Inget sparades – försök igen om 2 s.',
  );
});
