/**
 * The notice's read page `/u/<token>` (R273): server-rendered, Swedish, no script, works
 * without the console. GET shows the notice and a button; only the POST records the receipt,
 * so a link previewer that fetches the page does not read it for the person.
 */
import express, { type Express } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { SYSTEM_ACTOR } from '../../shared/domain/actor';
import { isExerciseSpace } from '../../shared/domain/alarm';
import type { Notice, NoticeRecipient } from '../../shared/domain/lifecycle';
import { lookup } from '../../shared/domain/keyed';
import type { Space } from '../space';
import { TOKEN_PATTERN } from '../alarm/token';
import { esc, page, refusalPage } from '../alarm/routes';
import { noticeLinkToken, sameToken } from './token';

interface Found {
  space: Space;
  notice: Notice;
  recipient: NoticeRecipient;
}

/** The recipient a token belongs to: derived again for each kept notice (nothing is stored). */
function findNoticeToken(spaces: Map<string, Space>, secret: Buffer, token: string): Found | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  for (const space of spaces.values()) {
    const l = space.state.lifecycle;
    for (const id of l.noticeOrder) {
      const notice = lookup(l.notices, id);
      for (const recipient of notice?.recipients ?? [])
        if (notice && sameToken(noticeLinkToken(secret, space.name, id, recipient.userId), token))
          return { space, notice, recipient };
    }
  }
  return null;
}

const UNKNOWN =
  'Länken är okänd. Den kan ha skrivits av fel eller tillhöra en gammal underrättelse.';
const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    hour: '2-digit',
    minute: '2-digit',
  });

export function mountNoticeRoutes(
  app: Express,
  deps: { spaces: Map<string, Space>; secret: Buffer; rateLimit?: number },
): void {
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: deps.rateLimit ?? 60,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (_req, res) =>
      refusalPage(res, 429, 'För många försök. Vänta en minut och försök igen.'),
  });
  const read = (f: Found) =>
    `<div class="ok" role="status"><p>Du har läst underrättelsen (kvitterat ${time(f.recipient.readAt as string)}). Tack!</p></div>`;

  app.get('/u/:token', limiter, (req, res) => {
    const token = String(req.params.token);
    const f = findNoticeToken(deps.spaces, deps.secret, token);
    if (!f) return refusalPage(res, 404, UNKNOWN);
    const exercise = isExerciseSpace(f.space.name);
    page(
      res,
      200,
      'Underrättelse',
      `<h1>Underrättelse</h1>` +
        `<p>Hej ${esc(f.recipient.name)}! Du underrättas som ${esc(f.recipient.as.toLowerCase())}.</p>` +
        `<p class="message">${esc(f.notice.text)}</p>` +
        (f.recipient.readAt
          ? read(f)
          : `<form method="post" action="/u/${esc(token)}"><p><button type="submit">Jag har läst</button></p></form>` +
            `<p class="hint">Din kvittens syns för den som fattade beslutet. Länken är personlig.</p>`),
      exercise,
    );
  });

  app.post(
    '/u/:token',
    limiter,
    express.urlencoded({ extended: false, limit: '1kb' }),
    async (req, res) => {
      const f = findNoticeToken(deps.spaces, deps.secret, String(req.params.token));
      if (!f) return refusalPage(res, 404, UNKNOWN);
      const exercise = isExerciseSpace(f.space.name);
      if (f.recipient.readAt) return page(res, 200, 'Redan läst', read(f), exercise);
      const out = await f.space.submit(
        SYSTEM_ACTOR,
        `noticelink|${f.space.name}|${f.notice.id}|${f.recipient.userId}`,
        {
          type: 'notice.recordLinkRead',
          payload: { noticeId: f.notice.id, userId: f.recipient.userId },
        },
      );
      if (!out.ok)
        return refusalPage(
          res,
          out.error.code === 'STORAGE_UNAVAILABLE' || out.error.code === 'NOT_CONFIRMED'
            ? 503
            : 409,
          out.error.message,
          exercise,
        );
      const now = lookup(f.space.state.lifecycle.notices, f.notice.id)?.recipients.find(
        (r) => r.userId === f.recipient.userId,
      );
      page(
        res,
        200,
        'Tack',
        `<h1>Tack</h1>${read({ ...f, recipient: now ?? { ...f.recipient, readAt: new Date().toISOString() } })}`,
        exercise,
      );
    },
  );
}
