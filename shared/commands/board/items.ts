/**
 * The board decides (R194): each agenda item is dealt with at a meeting in session with a
 * quorum, and becomes a numbered paragraph (§) of the protocol. A takeover is started or ended
 * here (R196), and the board's function ends here (R198).
 */
import { z } from 'zod';
import { defineCommand, type DecideContext } from '../define';
import { draft, type EventDraft } from '../../events';
import { Id } from '../../events/schemas';
import {
  AGENDA_KIND_LABEL,
  ITEM_OUTCOME_LABEL,
  ItemOutcome,
  hasQuorum,
  presentCount,
  quorumOf,
  type AgendaItem,
  type BoardMeeting,
} from '../../domain/board';
import type { DecisionKind } from '../../domain/vocabulary';
import type { CityState } from '../../domain/state';
import { lookup } from '../../domain/keyed';
import { refuse, type Refusal } from '../../errors';
import { actsAs, when } from '../../policy/predicates';
import { CHAIR_ONLY, protocolRef, sessionLedBy } from './meetings';
import { isRefusal } from '../../errors';
import { takeoverWhat } from './takeovers';
import { unreportedUrgent } from './matters';

/** Which outcomes each kind of item can have. */
export const OUTCOMES: Record<AgendaItem['kind'], readonly ItemOutcome[]> = {
  urgent_report: ['reported'],
  takeover_proposal: ['decided', 'remitted', 'rejected'],
  takeover_end: ['decided', 'rejected'],
  director_information: ['noted'],
  end_function: ['decided', 'rejected'],
  other: ['decided', 'noted', 'remitted', 'rejected'],
};

/** The members present, as a decision's "informed" names them. */
const presentNames = (s: CityState, m: BoardMeeting): string[] =>
  Object.values(m.attendance)
    .filter((a) => a.attendance !== 'absent')
    .map((a) => lookup(s.board.members, a.memberId)?.name)
    .filter((n): n is string => !!n);

function boardDecision(
  s: CityState,
  ctx: DecideContext,
  m: BoardMeeting,
  kind: DecisionKind,
  what: string,
  basis: string,
  eventId?: string,
): { id: string; draft: EventDraft } {
  const id = ctx.newId('dec');
  return {
    id,
    draft: draft('decision.recorded', {
      decisionId: id,
      kind,
      ...(eventId ? { eventId } : {}),
      basis: `${basis} (${protocolRef(m, m.nextParagraph)})`,
      what,
      informed: presentNames(s, m),
    }),
  };
}

export const resolveItem = defineCommand({
  label: 'Besluta i ärende',
  payload: z
    .object({
      meetingId: Id,
      itemId: Id,
      outcome: ItemOutcome,
      /** The protocol's words: the decision, or why it was sent back (återremiss). */
      text: z.string().trim().max(2000, 'Texten får vara högst 2000 tecken.').optional(),
    })
    .strict(),
  authorize: (a, _p, s, now) => when(actsAs(a, s, now, 'chair'), CHAIR_ONLY),
  decide: (p, s, ctx) => {
    const m = sessionLedBy(s, p.meetingId, ctx.actor.userId);
    if (isRefusal(m)) return m;
    // R192: without a quorum the board decides nothing.
    if (!hasQuorum(m))
      return refuse(
        'CONFLICT',
        `Nämnden är inte beslutför: ${presentCount(m)} av ${m.memberCount} närvarande, minst ${quorumOf(m.memberCount)} behövs.`,
      );
    const item = m.agenda.find((i) => i.id === p.itemId);
    if (!item) return refuse('NOT_FOUND', 'Ärendet står inte på föredragningslistan.');
    if (item.outcome)
      return refuse('CONFLICT', `Ärendet är redan behandlat (§ ${item.outcome.paragraph}).`);
    if (!OUTCOMES[item.kind].includes(p.outcome))
      return refuse(
        'INVALID',
        `${AGENDA_KIND_LABEL[item.kind]} kan inte få utfallet ”${ITEM_OUTCOME_LABEL[p.outcome].toLowerCase()}”.`,
      );
    if ((p.outcome === 'remitted' || p.outcome === 'rejected') && !p.text)
      return refuse('INVALID', 'Skriv varför ärendet återremitteras eller avslås.');
    const out = itemDrafts(s, ctx, m, item, p.outcome, p.text);
    if (isRefusal(out)) return out;
    const resolved = draft('board.itemResolved', {
      meetingId: m.id,
      itemId: item.id,
      outcome: p.outcome,
      paragraph: m.nextParagraph,
      text: out.text,
      ...(out.decisionId ? { decisionId: out.decisionId } : {}),
    });
    return [...out.drafts, resolved];
  },
});

interface ItemResult {
  drafts: EventDraft[];
  text: string;
  decisionId?: string;
}

function itemDrafts(
  s: CityState,
  ctx: DecideContext,
  m: BoardMeeting,
  item: AgendaItem,
  outcome: ItemOutcome,
  text: string | undefined,
): ItemResult | Refusal {
  const ref = protocolRef(m, m.nextParagraph);
  switch (item.kind) {
    case 'urgent_report': {
      const d = item.ref ? lookup(s.decisions, item.ref) : undefined;
      if (!d) return refuse('NOT_FOUND', 'Det brådskande beslutet finns inte.');
      if (d.reportedToBoard) return refuse('CONFLICT', 'Beslutet är redan anmält till nämnden.');
      return {
        drafts: [draft('board.urgentDecisionReported', { decisionId: d.id, reference: ref })],
        text: text || `Ordförandens brådskande beslut anmäls: ${d.what}`,
      };
    }
    case 'takeover_proposal': {
      const pr = item.ref ? lookup(s.board.proposals, item.ref) : undefined;
      if (!pr || pr.status !== 'open') return refuse('CONFLICT', 'Förslaget är inte längre öppet.');
      if (outcome !== 'decided')
        return { drafts: [], text: `${ITEM_OUTCOME_LABEL[outcome]}: ${text ?? ''}`.trim() };
      const what = takeoverWhat(pr.scope);
      const dec = boardDecision(s, ctx, m, 'takeover', what, pr.basis, pr.eventId);
      return {
        drafts: [
          dec.draft,
          draft('board.takeoverStarted', {
            takeoverId: ctx.newId('takeover'),
            ...(pr.eventId ? { eventId: pr.eventId } : {}),
            scope: pr.scope,
            decisionId: dec.id,
            source: { kind: 'meeting', meetingId: m.id, paragraph: m.nextParagraph },
          }),
        ],
        text: text ? `${what}. ${text}` : what,
        decisionId: dec.id,
      };
    }
    case 'takeover_end': {
      const t = item.ref ? lookup(s.board.takeovers, item.ref) : undefined;
      if (!t || t.endedAt) return refuse('CONFLICT', 'Övertagandet har redan upphört.');
      if (outcome !== 'decided') return { drafts: [], text: `Avslaget: ${text ?? ''}`.trim() };
      const what = `Övertagandet från ${t.scope.fromBoard} upphör: ${t.scope.part}. Ansvaret återgår till ${t.scope.fromBoard}.`;
      const dec = boardDecision(
        s,
        ctx,
        m,
        'takeover_ended',
        what,
        text || 'Behovet har upphört',
        t.eventId,
      );
      return {
        drafts: [dec.draft, draft('board.takeoverEnded', { takeoverId: t.id, decisionId: dec.id })],
        text: what,
        decisionId: dec.id,
      };
    }
    case 'director_information':
      return { drafts: [], text: text || 'Informationen antecknas till protokollet.' };
    case 'end_function': {
      if (outcome !== 'decided') return { drafts: [], text: `Avslaget: ${text ?? ''}`.trim() };
      // R198: while an event is extraordinary the board stays in function (R8).
      const still = Object.values(s.events).find(
        (e) => e.status === 'open' && e.level === 'extraordinary',
      );
      if (still)
        return refuse(
          'CONFLICT',
          `”${still.title}” är fortfarande en extraordinär händelse. Ordföranden sänker nivån innan nämndens verksamhet kan upphöra.`,
        );
      const unreported = unreportedUrgent(s).length;
      if (unreported)
        return refuse(
          'CONFLICT',
          `${unreported === 1 ? 'Ett brådskande beslut' : `${unreported} brådskande beslut`} är inte anmält till nämnden. Anmäl först.`,
        );
      const live = Object.values(s.board.takeovers).filter((t) => !t.endedAt);
      if (live.length)
        return refuse(
          'CONFLICT',
          `Nämnden har fortfarande ${live.length === 1 ? 'ett övertagande' : `${live.length} övertaganden`} som gäller. Besluta först att ${live.length === 1 ? 'det' : 'de'} upphör.`,
        );
      const what = 'Krisledningsnämndens verksamhet upphör.';
      const dec = boardDecision(
        s,
        ctx,
        m,
        'board_function_ended',
        what,
        text || 'Den extraordinära händelsen är över',
      );
      return {
        drafts: [dec.draft, draft('board.functionEnded', { meetingId: m.id, decisionId: dec.id })],
        text: what,
        decisionId: dec.id,
      };
    }
    case 'other': {
      if (!text) return refuse('INVALID', 'Skriv beslutet.');
      if (outcome !== 'decided')
        return { drafts: [], text: `${ITEM_OUTCOME_LABEL[outcome]}: ${text}` };
      const dec = boardDecision(s, ctx, m, 'board_decision', text, item.title, m.eventId);
      return { drafts: [dec.draft], text, decisionId: dec.id };
    }
  }
}
