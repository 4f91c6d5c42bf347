/**
 * What comes before the board (R199): the director's information and proposed takeovers; and
 * the chair's takeover on the board's behalf when it cannot wait (R196), which stands among the
 * urgent decisions to report (R195) until a meeting records it.
 */
import { z } from 'zod';
import { defineCommand } from '../define';
import { draft } from '../../events';
import { Id } from '../../events/schemas';
import { TakeoverScope } from '../../domain/board';
import type { CityState } from '../../domain/state';
import { unitById, type CityUnit } from '../../domain/units';
import { lookup } from '../../domain/keyed';
import { refuse, type Refusal } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { isSystem } from '../../domain/actor';
import { unreportedUrgent } from './matters';
import { boardInFunctionFor } from './meetings';

/** "Krisledningsnämnden tar över från Trafiknämnden: …, från 2026-11-23 10:00". */
export function takeoverWhat(scope: z.output<typeof TakeoverScope>): string {
  const from = new Date(scope.from).toLocaleString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return `Krisledningsnämnden tar över från ${scope.fromBoard}, i den utsträckning som är nödvändig: ${scope.part}. Från ${from} tills nämnden beslutar att övertagandet upphör.`;
}

/** R196: why a company is not offered (nor accepted) in a takeover's scope. */
export const COMPANY_NOT_TAKEN_OVER =
  'Nämnden kan inte ta över ett bolags verksamhet; bolaget ingår i arbetet genom sin samverkansperson.';

/** R196: a facknämnd's administration may be part of a takeover; a city company may not. */
export const mayBeTakenOver = (u: CityUnit): boolean => u.kind !== 'company';

/**
 * R196: a takeover names known units and districts; a city company is its own legal person and
 * is not a board whose area can be taken over (programme 2020–2023: "Stadens bolag är egna
 * juridiska personer och förväntas ingå i arbetet").
 */
export function checkScope(s: CityState, scope: z.output<typeof TakeoverScope>): Refusal | null {
  for (const id of scope.unitIds) {
    const u = unitById(id);
    if (!u) return refuse('INVALID', `Okänd förvaltning: ${id}.`);
    if (!mayBeTakenOver(u))
      return refuse(
        'INVALID',
        `${u.name} är ett bolag, en egen juridisk person. ${COMPANY_NOT_TAKEN_OVER}`,
      );
  }
  for (const id of scope.districtIds)
    if (!lookup(s.districts, id)) return refuse('INVALID', `Okänt stadsdelsområde: ${id}.`);
  return null;
}

const Basis = z.string().trim().min(1, 'Ange beslutsunderlag.').max(4000);

export const proposeTakeover = defineCommand({
  label: 'Föreslå övertagande av verksamhetsområde',
  payload: z.object({ eventId: Id.optional(), scope: TakeoverScope, basis: Basis }).strict(),
  // R199: the director prepares the board's matters; the chair may bring one too.
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'director', 'chair'),
      'Endast stadsdirektören eller ordföranden kan lägga ett förslag om övertagande till nämnden.',
    ),
  decide: (p, s, ctx) => {
    const closed = boardInFunctionFor(s, p.eventId);
    if (closed) return closed;
    const bad = checkScope(s, p.scope);
    if (bad) return bad;
    const proposalId = ctx.newId('tkp');
    const out = [draft('board.takeoverProposed', { proposalId, ...p })];
    // A meeting already convened takes it on its agenda; otherwise the next kallelse does.
    const convened = s.board.meetingOrder
      .map((id) => lookup(s.board.meetings, id))
      .find((m) => m && (m.status === 'convened' || m.status === 'in_session'));
    if (convened)
      out.push(
        draft('board.agendaItemAdded', {
          meetingId: convened.id,
          item: {
            itemId: ctx.newId('item'),
            kind: 'takeover_proposal',
            title: `Övertagande från ${p.scope.fromBoard}: ${p.scope.part}`,
            ref: proposalId,
          },
        }),
      );
    return out;
  },
});

export const withdrawTakeoverProposal = defineCommand({
  label: 'Återta förslag om övertagande',
  payload: z.object({ proposalId: Id }).strict(),
  authorize: (a, p, s) => {
    const pr = lookup(s.board.proposals, p.proposalId);
    return when(
      !pr || pr.proposedBy.userId === a.userId,
      'Bara den som lade förslaget kan återta det.',
    );
  },
  decide: (p, s) => {
    const pr = lookup(s.board.proposals, p.proposalId);
    if (!pr) return refuse('NOT_FOUND', 'Förslaget finns inte.');
    if (pr.status !== 'open') return refuse('CONFLICT', 'Förslaget är redan behandlat.');
    return [draft('board.takeoverProposalWithdrawn', p)];
  },
});

export const informBoard = defineCommand({
  label: 'Informera krisledningsnämnden',
  payload: z
    .object({
      eventId: Id.optional(),
      text: z.string().trim().min(1, 'Skriv informationen.').max(4000),
    })
    .strict(),
  // R199: "Stadsdirektören ansvarar för information om händelsen till krisledningsnämnden."
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'director'),
      'Stadsdirektören informerar krisledningsnämnden om händelsen.',
    ),
  decide: (p, s, ctx) => {
    const closed = boardInFunctionFor(s, p.eventId);
    if (closed) return closed;
    return [draft('board.informationGiven', { informationId: ctx.newId('info'), ...p })];
  },
});

/**
 * R196: when the board's decision cannot wait, the chair takes over on its behalf; the decision
 * is an urgent decision (brådskande beslut) and stands among those to report (R195).
 */
export const urgentTakeover = defineCommand({
  label: 'Brådskande övertagande av verksamhetsområde',
  payload: z
    .object({
      eventId: Id.optional(),
      scope: TakeoverScope,
      decision: z
        .object({
          basis: Basis,
          /** Why the board's decision cannot wait. */
          whyUrgent: z
            .string()
            .trim()
            .min(1, 'Ange varför nämndens beslut inte kan avvaktas.')
            .max(2000),
          informed: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
        })
        .strict(),
    })
    .strict(),
  authorize: (a, _p, s, now) =>
    when(
      actsAs(a, s, now, 'chair'),
      'Endast krisledningsnämndens ordförande kan besluta på nämndens vägnar när nämndens avgörande inte kan avvaktas.',
    ),
  decide: (p, s, ctx) => {
    const closed = boardInFunctionFor(s, p.eventId);
    if (closed) return closed;
    const bad = checkScope(s, p.scope);
    if (bad) return bad;
    const decisionId = ctx.newId('dec');
    return [
      draft('decision.recorded', {
        decisionId,
        kind: 'urgent_decision',
        ...(p.eventId ? { eventId: p.eventId } : {}),
        basis: `${p.decision.basis} Brådskande: ${p.decision.whyUrgent}`,
        what: `${takeoverWhat(p.scope)} Beslutat av ordföranden på nämndens vägnar; anmäls till nämnden.`,
        informed: p.decision.informed,
      }),
      draft('board.takeoverStarted', {
        takeoverId: ctx.newId('takeover'),
        ...(p.eventId ? { eventId: p.eventId } : {}),
        scope: p.scope,
        decisionId,
        source: { kind: 'urgent' },
      }),
    ];
  },
});

/** R195: the system reminds the chair of urgent decisions not yet reported ("snarast"). */
export const remindUrgentReports = defineCommand({
  label: 'Påminn om anmälan av brådskande beslut',
  payload: z.object({ decisionIds: z.array(Id).min(1).max(200) }).strict(),
  authorize: (a) => when(isSystem(a), 'Det här kommandot används bara av systemet.'),
  decide: (p, s) => {
    const waiting = new Set(unreportedUrgent(s).map((d) => d.id));
    const ids = p.decisionIds.filter((id) => waiting.has(id));
    if (ids.length === 0) return refuse('CONFLICT', 'Inga brådskande beslut väntar på anmälan.');
    return [draft('board.urgentReportReminded', { decisionIds: ids })];
  },
});
