import type { Actor } from '../shared/domain/actor';
import { draft, type EventDraft } from '../shared/events';
import { CKL_INTERNAL } from '../shared/commands/ckl';

/**
 * The central crisis staff at work on the power cut: one situation report approved and sent to
 * the chair, a public message waiting for the lead, the next briefing, two contacts with
 * external actors and a cost. Small on purpose: a newcomer sees each workspace with something in it.
 */
export async function seedCklDemo(
  step: (n: number, actor: Actor, minutesAgo: number, drafts: EventDraft[]) => Promise<unknown>,
  by: (id: string) => Actor,
  evt: string,
  has: (id: string) => boolean,
  inMin: (min: number) => string,
): Promise<void> {
  const analys = by('analys');
  const lead = by('stabschef');
  const body = {
    title: 'Samlad lägesbild Elavbrott i Söderort',
    situation:
      'Farsta (allvarligt): strömlöst sedan 06:40, två äldreboenden på reservkraft. Enskede-Årsta-Vantör (ansträngt): strömlöst i Högdalen, Rågsved och Hagsätra; skolor stängda.',
    forecast: 'Ellevio bedömer minst ett dygns avbrott. Kyla −12 °C i natt.',
    consequences: 'Hemtjänsten når inte alla brukare. Lågt vattentryck i höga hus.',
    needs: 'Reservkraft till ett tredje äldreboende i Farsta. Dricksvatten i dunk till Rågsved.',
    recommendations:
      'Prioritera reservkraft till äldreboenden före skolor. Öppna fler trygghetspunkter.',
  };
  const sources = {
    districtReportIds: [
      'rep_demo_farsta_1',
      ...(has('enskede-arsta-vantor') ? ['rep_demo_eav_1'] : []),
    ],
    unitReportIds: [],
    staleDistrictIds: [],
    missingDistrictIds: has('skarpnack') ? ['skarpnack'] : [],
  };
  const draftedAt = new Date(Date.parse(inMin(-35))).toISOString();
  await step(13, analys, 35, [
    draft(
      'analysis.sitrepDrafted',
      { sitrepId: 'sit_demo_1', series: evt, eventId: evt, version: 1, ...body, sources },
      CKL_INTERNAL,
    ),
  ]);
  await step(14, lead, 30, [
    draft('analysis.sitrepApproved', {
      sitrepId: 'sit_demo_1',
      series: evt,
      eventId: evt,
      version: 1,
      ...body,
      sources,
      draftedAt,
      draftedBy: { userId: analys.userId, name: analys.name, role: analys.role },
      sentTo: ['Krisledningsnämndens ordförande', 'Stadsdelsområdena'],
    }),
    draft('ckl.briefingScheduled', {
      nextAt: inMin(25),
      intervalMinutes: 120,
      place: 'Stadshuset, CKL-rummet',
    }),
    draft('liaison.contactLogged', {
      contactId: 'con_demo_1',
      actorId: 'ellevio',
      eventId: evt,
      direction: 'out',
      channel: 'phone',
      summary:
        'Ellevio: felet i Högdalen isolerat; återinkoppling etappvis från i kväll, Farsta sist.',
    }),
    draft('liaison.contactLogged', {
      contactId: 'con_demo_2',
      actorId: 'polisen',
      eventId: evt,
      direction: 'in',
      channel: 'rakel',
      summary: 'Polisen förstärker patrullering vid Farsta centrum och trygghetspunkten i kväll.',
    }),
    draft('administration.costRecorded', {
      costId: 'cost_demo_1',
      eventId: evt,
      category: 'response',
      kind: 'Hyra av reservkraftverk',
      amountOre: 4_850_000,
      description: 'Två reservkraftverk till äldreboenden i Farsta, första dygnet.',
    }),
  ]);
  await step(15, by('info'), 29, [
    draft(
      'information.messageDrafted',
      {
        messageId: 'msg_demo_1',
        eventId: evt,
        targetGroup: 'public',
        headline: 'Elavbrott i Söderort – trygghetspunkt i Farsta centrum',
        body: 'Omkring 40 000 hushåll i Farsta, Enskede-Årsta-Vantör och Skarpnäck är utan ström. Ellevio räknar med att strömmen kommer tillbaka etappvis från i kväll. I Farsta centrum finns en trygghetspunkt med värme, laddning och information.',
        instruction:
          'Håll dig varm, se till grannar och äldre. Ring 112 bara vid nödläge; frågor om avbrottet: Ellevio.',
        channels: ['stockholm.se', 'Krisinformation.se', 'Facebook'],
        areaDistrictIds: ['farsta', 'enskede-arsta-vantor', 'skarpnack'].filter(has),
        cap: {
          category: 'Infra',
          urgency: 'Expected',
          severity: 'Moderate',
          certainty: 'Observed',
        },
        version: 1,
      },
      CKL_INTERNAL,
    ),
  ]);
}
