/**
 * HTTP edges of the alarm: the one-time answer page `/k/<token>` (server-rendered, Swedish, no
 * script, works without the console) and the contact directory CSV import/export.
 */
import express, { type Express, type RequestHandler, type Response } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SYSTEM_ACTOR, type Actor } from '../../shared/domain/actor';
import { CONTACT_DETAILS_AUDIENCE, type Alarm, type Recipient } from '../../shared/domain/alarm';
import { checkLinkToken, mayAdministerAlarm } from '../../shared/commands/alarm';
import { REAL_SPACE } from '../../shared/protocol';
import { canSee, maySeeSpace } from '../../shared/visibility';
import type { Space } from '../space';
import { exportContactsCsv, importContactsCsv } from './csv';
import { TOKEN_PATTERN, hashToken } from './token';
import { tableGet } from '../../shared/domain/table';
import { messageForRecipient } from '../../shared/domain/alarmMessage';
import { lookup } from '../../shared/domain/keyed';

export interface AlarmRouteDeps {
  spaces: Map<string, Space>;
  authenticate: RequestHandler;
  linkRateLimit?: number;
}

export const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const CSS = `
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5}
body{margin:0;padding:1rem;background:Canvas;color:CanvasText}
main{max-width:34rem;margin:0 auto}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
.exercise{background:#ffe066;color:#000;font-weight:700;padding:.5rem .75rem;border:3px solid #000;text-align:center;letter-spacing:.1em}
.message{white-space:pre-wrap;border-left:4px solid #005aa0;padding:.5rem .75rem;margin:1rem 0}
fieldset{border:1px solid GrayText;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
legend{font-weight:700;padding:0 .25rem}
label{display:block;margin:.5rem 0}
.choice{display:flex;gap:.75rem;align-items:center;font-size:1.15rem;padding:.6rem;border:2px solid GrayText;border-radius:.5rem;margin:.5rem 0}
.choice input{width:1.5rem;height:1.5rem}
input[type=number],textarea{font:inherit;font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box}
button{font:inherit;font-size:1.2rem;font-weight:700;padding:.8rem 1.5rem;border-radius:.5rem;border:0;background:#005aa0;color:#fff;width:100%;cursor:pointer}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.refusal{border:3px solid #b00020;padding:1rem;border-radius:.5rem}
.ok{border:3px solid #006b3c;padding:1rem;border-radius:.5rem}
.hint{font-size:.95rem}
`;

export function page(
  res: Response,
  status: number,
  title: string,
  body: string,
  exercise = false,
): void {
  res
    .status(status)
    .type('text/html; charset=utf-8')
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Referrer-Policy', 'same-origin')
    .send(
      `<!doctype html><html lang="sv"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width,initial-scale=1">` +
        `<meta name="robots" content="noindex">` +
        `<title>${esc(title)} – Lägesbild</title><link rel="stylesheet" href="/k/ack.css"></head>` +
        `<body><main>${exercise ? '<p class="exercise" role="note">ÖVNING – ÖVNING – ÖVNING</p>' : ''}${body}</main></body></html>`,
    );
}

export function refusalPage(
  res: Response,
  status: number,
  message: string,
  exercise = false,
): void {
  page(
    res,
    status,
    'Länken kan inte användas',
    `<h1>Länken kan inte användas</h1><div class="refusal" role="alert"><p>${esc(message)}</p></div>` +
      `<p class="hint">Behöver du svara ändå? Ring den som larmade dig, eller larmcentralen.</p>`,
    exercise,
  );
}

interface Found {
  space: Space;
  hash: string;
  alarm: Alarm;
  recipient: Recipient;
}

function findToken(spaces: Map<string, Space>, token: string): Found | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const hash = hashToken(token);
  for (const space of spaces.values()) {
    const t = tableGet(space.state.alarm.tokens, hash);
    const alarm = t && lookup(space.state.alarm.alarms, t.alarmId);
    const recipient = alarm && tableGet(alarm.recipients, t.key);
    if (alarm && recipient) return { space, hash, alarm, recipient };
  }
  return null;
}

const AnswerForm = z.object({
  svar: z.enum(['kommer', 'kan-inte'], { message: 'Välj om du kommer eller inte.' }),
  eta: z.string().optional(),
  kommentar: z.string().max(400, 'Kommentaren får vara högst 400 tecken.').optional(),
});

export function mountAlarmRoutes(app: Express, deps: AlarmRouteDeps): void {
  const { spaces } = deps;
  const linkLimiter = rateLimit({
    windowMs: 60_000,
    limit: deps.linkRateLimit ?? 60,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (_req, res) =>
      refusalPage(res, 429, 'För många försök. Vänta en minut och försök igen.'),
  });

  app.get('/k/ack.css', (_req, res) => {
    res.type('text/css').setHeader('Cache-Control', 'public, max-age=3600').send(CSS);
  });

  app.get('/k/:token', linkLimiter, (req, res) => {
    const found = findToken(spaces, String(req.params.token));
    if (!found)
      return refusalPage(
        res,
        404,
        'Länken är okänd. Den kan ha skrivits av fel eller tillhöra ett gammalt larm.',
      );
    const { space, hash, alarm, recipient } = found;
    const now = new Date().toISOString();
    const bad = checkLinkToken(space.state, hash, now);
    if (bad) return refusalPage(res, 410, bad.message, alarm.exercise);
    if (alarm.status === 'cancelled' || recipient.state === 'stood_down')
      return page(
        res,
        200,
        'Du behöver inte komma',
        `<h1>Du behöver inte komma</h1><div class="ok" role="status"><p>${alarm.status === 'cancelled' ? 'Larmet är avbrutet.' : 'Funktionen är redan bemannad.'} Tack!</p></div>`,
        alarm.exercise,
      );
    void space.submit(SYSTEM_ACTOR, `open|${hash}`, {
      type: 'alarm.openLink',
      payload: { tokenHash: hash },
    });
    const list = lookup(alarm.lists, recipient.listId);
    page(
      res,
      200,
      `Larm: ${alarm.title}`,
      `<h1>Larm: ${esc(alarm.title)}</h1>` +
        `<p>Hej ${esc(recipient.name)}! Du är larmad via listan <strong>${esc(list?.name ?? '')}</strong>.</p>` +
        `<p class="message">${esc(messageForRecipient(alarm, recipient))}</p>` +
        `<form method="post" action="/k/${esc(String(req.params.token))}">` +
        `<fieldset><legend>Kan du komma?</legend>` +
        `<label class="choice"><input type="radio" name="svar" value="kommer" required> Jag kommer</label>` +
        `<label class="choice"><input type="radio" name="svar" value="kan-inte"> Jag kan inte komma</label>` +
        `</fieldset>` +
        `<label for="eta">Om du kommer: beräknad ankomst om (minuter)</label>` +
        `<input id="eta" name="eta" type="number" inputmode="numeric" min="0" max="1440" step="1" aria-describedby="eta-hint">` +
        `<p id="eta-hint" class="hint">Till exempel 30. Lämna tomt om du inte kan komma.</p>` +
        `<label for="kommentar">Kommentar (frivillig)</label>` +
        `<textarea id="kommentar" name="kommentar" rows="2" maxlength="400"></textarea>` +
        `<p><button type="submit">Skicka svar</button></p></form>` +
        `<p class="hint">Länken är personlig och kan användas en gång.</p>`,
      alarm.exercise,
    );
  });

  app.post(
    '/k/:token',
    linkLimiter,
    express.urlencoded({ extended: false, limit: '8kb' }),
    async (req, res) => {
      const found = findToken(spaces, String(req.params.token));
      if (!found)
        return refusalPage(
          res,
          404,
          'Länken är okänd. Den kan ha skrivits av fel eller tillhöra ett gammalt larm.',
        );
      const { space, hash, alarm } = found;
      const stale = checkLinkToken(space.state, hash, new Date().toISOString());
      if (stale) return refusalPage(res, 410, stale.message, alarm.exercise);
      const form = AnswerForm.safeParse(req.body ?? {});
      if (!form.success)
        return refusalPage(
          res,
          400,
          form.error.issues[0]?.message ?? 'Ogiltigt svar.',
          alarm.exercise,
        );
      const coming = form.data.svar === 'kommer';
      const etaText = form.data.eta?.trim() ?? '';
      const eta = etaText === '' ? undefined : Number(etaText);
      if (coming && (eta === undefined || !Number.isInteger(eta) || eta < 0 || eta > 1440))
        return refusalPage(
          res,
          400,
          'Ange när du beräknas vara på plats, i hela minuter (0–1440). Gå tillbaka och försök igen.',
          alarm.exercise,
        );
      const outcome = await space.submit(SYSTEM_ACTOR, `link|${randomUUID()}`, {
        type: 'alarm.answerByLink',
        payload: {
          tokenHash: hash,
          answer: coming ? 'coming' : 'cannot',
          ...(coming ? { etaMinutes: eta } : {}),
          ...(form.data.kommentar?.trim() ? { comment: form.data.kommentar.trim() } : {}),
        },
      });
      if (!outcome.ok)
        return refusalPage(
          res,
          outcome.error.code === 'STORAGE_UNAVAILABLE' || outcome.error.code === 'NOT_CONFIRMED'
            ? 503
            : outcome.error.code === 'CONFLICT'
              ? 410
              : 400,
          outcome.error.message,
          alarm.exercise,
        );
      page(
        res,
        200,
        'Tack för ditt svar',
        `<h1>Tack för ditt svar</h1><div class="ok" role="status"><p>` +
          (coming
            ? `Vi har registrerat att du kommer, beräknad ankomst om ${eta} minuter.`
            : 'Vi har registrerat att du inte kan komma. En reserv larmas nu.') +
          `</p></div>`,
        alarm.exercise,
      );
    },
  );

  // ------------------------------------------------------------------ contact directory CSV
  const spaceOf = (q: unknown): Space | undefined =>
    spaces.get(typeof q === 'string' && q ? q : REAL_SPACE);
  const fail = (res: Response, status: number, code: string, message: string) =>
    res.status(status).json({ error: { code, message } });

  app.get('/api/alarm/contacts.csv', deps.authenticate, (req, res) => {
    const actor = req.actor as Actor;
    const space = spaceOf(req.query.space);
    if (!space) return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
    if (!maySeeSpace(actor, space.state))
      return fail(res, 403, 'FORBIDDEN', 'Du deltar inte i den här övningen.');
    const verdict = mayAdministerAlarm(actor, space.state, new Date().toISOString());
    if (verdict || !canSee(actor, CONTACT_DETAILS_AUDIENCE))
      return fail(res, 403, 'FORBIDDEN', verdict?.message ?? 'Du får inte se kontaktuppgifter.');
    res
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="kontakter.csv"')
      .setHeader('Cache-Control', 'no-store')
      .send(exportContactsCsv(space.state));
  });

  app.post(
    '/api/alarm/contacts/import',
    deps.authenticate,
    express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '4mb' }),
    async (req, res) => {
      const actor = req.actor as Actor;
      const space = spaceOf(req.query.space);
      if (!space) return fail(res, 404, 'NOT_FOUND', 'Rummet finns inte.');
      // R116: the space's members only, and the import's own policy, before the file is read
      // (asking the policy with an empty, invalid payload would let everyone through).
      if (!maySeeSpace(actor, space.state))
        return fail(res, 403, 'FORBIDDEN', 'Du deltar inte i den här övningen.');
      const verdict = mayAdministerAlarm(actor, space.state, new Date().toISOString());
      if (verdict) return fail(res, 403, 'FORBIDDEN', verdict.message);
      if (typeof req.body !== 'string' || req.body.length === 0)
        return fail(res, 400, 'INVALID', 'Skicka CSV-filen som text/csv.');
      const report = importContactsCsv(req.body, space.state);
      const dryRun = req.query.dryRun === '1' || req.query.dryRun === 'true';
      let seq = space.seq;
      if (!dryRun && report.rows.length > 0) {
        // One command per chunk; the id is derived from the file, so sending it twice imports once.
        const digest = createHash('sha256').update(req.body).digest('hex').slice(0, 24);
        for (let i = 0; i < report.rows.length; i += 1000) {
          const outcome = await space.submit(actor, `${actor.userId}:import:${digest}:${i}`, {
            type: 'alarm.importContacts',
            payload: { rows: report.rows.slice(i, i + 1000) },
          });
          if (!outcome.ok) return fail(res, 409, outcome.error.code, outcome.error.message);
          seq = outcome.seq;
        }
      }
      res.json({
        imported: dryRun ? 0 : report.rows.length,
        valid: report.rows.length,
        rejected: report.rejected,
        dryRun,
        seq,
      });
    },
  );
}
