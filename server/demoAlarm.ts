import type { Actor } from '../shared/domain/actor';
import { SYSTEM_ACTOR } from '../shared/domain/actor';
import { CONTACT_DETAILS_AUDIENCE, recipientKey } from '../shared/domain/alarm';
import { draft } from '../shared/events';
import type { Space } from './space';

/** Demo contacts: [id, name, title, account, phone, district]. Numbers are from the fictional 070-1740 series. */
const DEMO_CONTACTS: [string, string, string, string | undefined, string, string?][] = [
  ['ct_sofia', 'Sofia Wikström', 'Analytiker CKL', 'analys', '+46701740601'],
  ['ct_johan', 'Johan Lind', 'Analytiker CKL', undefined, '+46701740602'],
  ['ct_amira', 'Amira Said', 'Analytiker CKL', undefined, '+46701740603'],
  ['ct_karl', 'Karl Berg', 'Utredare, reserv', undefined, '+46701740604'],
  ['ct_erik', 'Erik Dahl', 'Kommunikatör CKL', 'info', '+46701740605'],
  ['ct_maja', 'Maja Ström', 'Kommunikatör CKL', undefined, '+46701740606'],
  ['ct_tove', 'Tove Ek', 'Säkerhetssamordnare', 'tib.farsta', '+46701740607', 'farsta'],
  ['ct_ali', 'Ali Yilmaz', 'Enhetschef', undefined, '+46701740608', 'farsta'],
];

/**
 * Alarm and call-in for the demo: a small contact directory, three call lists (CKL
 * analysis with a reserve, quota 2), a template, a plan for the extraordinary level, duty
 * shifts, and one finished alarm in the history. Only draft events, as the rest of the demo.
 */
export async function seedDemoAlarm(
  real: Space,
  by: (id: string) => Actor,
  farsta: boolean,
  ago: (min: number) => Date,
  inMin: (min: number) => string,
): Promise<void> {
  const admin = by('admin.ckl');
  const contacts = DEMO_CONTACTS.filter(([, , , , , d]) => !d || farsta);
  await real.appendSystem(
    admin,
    'demo:alarm:contacts',
    contacts.flatMap(([contactId, name, title, userId, phone, districtId]) => [
      draft('alarm.contactSaved', {
        contactId,
        name,
        title,
        available: true,
        ...(userId ? { userId } : {}),
        ...(districtId ? { districtId } : {}),
      }),
      draft(
        'alarm.contactDetailsSaved',
        {
          contactId,
          phone,
          email: `${name
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase()
            .replace(/[^a-z]+/g, '.')}@exempel.stockholm.se`,
        },
        CONTACT_DETAILS_AUDIENCE,
      ),
    ]),
    ago(28),
  );
  const lists = [
    draft('alarm.listSaved', {
      listId: 'list_ckl_analys',
      name: 'CKL Analys',
      target: { kind: 'ckl', fn: 'analysis' },
      members: ['ct_sofia', 'ct_johan', 'ct_amira', 'ct_karl'],
      quota: 2,
      timeoutSeconds: 600,
      channels: ['sms', 'email', 'console'],
    }),
    draft('alarm.listSaved', {
      listId: 'list_ckl_info',
      name: 'CKL Information',
      target: { kind: 'ckl', fn: 'information' },
      members: ['ct_erik', 'ct_maja'],
      quota: 1,
      timeoutSeconds: 600,
      channels: ['sms', 'console'],
    }),
    ...(farsta
      ? [
          draft('alarm.listSaved', {
            listId: 'list_farsta_krisorg',
            name: 'Farsta krisledning',
            target: { kind: 'district', districtId: 'farsta' },
            members: ['ct_tove', 'ct_ali'],
            quota: 1,
            timeoutSeconds: 900,
            channels: ['sms', 'console'],
          }),
        ]
      : []),
    draft('alarm.templateSaved', {
      templateId: 'tpl_ckl',
      name: 'Inkallning CKL',
      text: 'Hej {namn}! Du larmas till {lista} med anledning av: {rubrik}. Inställelse Stadshuset, ingång Ragnar Östbergs plan.',
    }),
    draft('alarm.planSaved', {
      level: 'extraordinary',
      listIds: ['list_ckl_analys', 'list_ckl_info'],
      templateId: 'tpl_ckl',
    }),
    draft('duty.shiftSaved', {
      shiftId: 'shift_demo_1',
      duty: 'ckl:analysis',
      personName: 'Sofia Wikström',
      userId: 'analys',
      contactId: 'ct_sofia',
      from: new Date(ago(6 * 60)).toISOString(),
      to: inMin(2 * 60),
    }),
    draft('duty.shiftSaved', {
      shiftId: 'shift_demo_2',
      duty: 'ckl:analysis',
      personName: 'Johan Lind',
      contactId: 'ct_johan',
      from: inMin(2 * 60),
      to: inMin(14 * 60),
    }),
    draft('duty.shiftSaved', {
      shiftId: 'shift_demo_3',
      duty: 'ckl_lead',
      personName: 'Lena Nyström',
      userId: 'stabschef',
      from: new Date(ago(4 * 60)).toISOString(),
      to: inMin(8 * 60),
    }),
  ];
  await real.appendSystem(admin, 'demo:alarm:lists', lists, ago(27));

  // One finished alarm: two called, one could not come, the reserve came; staffed.
  const alarmId = 'alarm_demo_1';
  const key = (c: string) => recipientKey('list_ckl_analys', c);
  const queue = (contactId: string, name: string, orderIndex: number, reserveFor?: string) =>
    draft('alarm.recipientQueued', {
      alarmId,
      key: key(contactId),
      listId: 'list_ckl_analys',
      contactId,
      name,
      orderIndex,
      channels: ['sms', 'email'],
      deadline: inMin(-15),
      ...(reserveFor ? { reserveFor: key(reserveFor) } : {}),
    });
  const sent = (contactId: string) =>
    (['sms', 'email'] as const).map((channel) =>
      draft('alarm.sendRecorded', {
        alarmId,
        key: key(contactId),
        n: 1,
        channel,
        // The demo has no provider: its history says so, as a real run without one would (R163).
        via: 'outbox',
        ok: true,
        delivered: false,
        attempt: 1,
      }),
    );
  const lead = by('stabschef');
  await real.appendSystem(
    lead,
    'demo:alarm:1',
    [
      draft('alarm.started', {
        alarmId,
        title: 'Elavbrott Söderort – förstärkning analys',
        message:
          'Hej {namn}! Du larmas till {lista} med anledning av: Elavbrott Söderort – förstärkning analys. Inställelse Stadshuset, ingång Ragnar Östbergs plan.',
        eventId: 'evt_demo_soderort',
        exercise: false,
        realChannels: false,
        lists: [
          {
            listId: 'list_ckl_analys',
            name: 'CKL Analys',
            quota: 2,
            timeoutSeconds: 600,
            order: ['ct_sofia', 'ct_johan', 'ct_amira', 'ct_karl'],
          },
        ],
      }),
      queue('ct_sofia', 'Sofia Wikström', 0),
      queue('ct_johan', 'Johan Lind', 1),
    ],
    ago(25),
  );
  await real.appendSystem(
    SYSTEM_ACTOR,
    'demo:alarm:2',
    [...sent('ct_sofia'), ...sent('ct_johan')],
    ago(25),
  );
  await real.appendSystem(
    SYSTEM_ACTOR,
    'demo:alarm:3',
    [
      draft('alarm.answered', {
        alarmId,
        key: key('ct_sofia'),
        answer: 'coming',
        etaMinutes: 15,
        via: 'link',
      }),
    ],
    ago(23),
  );
  await real.appendSystem(
    SYSTEM_ACTOR,
    'demo:alarm:4',
    [
      draft('alarm.answered', { alarmId, key: key('ct_johan'), answer: 'cannot', via: 'link' }),
      queue('ct_amira', 'Amira Said', 2, 'ct_johan'),
      ...sent('ct_amira'),
    ],
    ago(20),
  );
  await real.appendSystem(
    SYSTEM_ACTOR,
    'demo:alarm:5',
    [
      draft('alarm.answered', {
        alarmId,
        key: key('ct_amira'),
        answer: 'coming',
        etaMinutes: 30,
        via: 'link',
      }),
      draft('alarm.listStaffed', { alarmId, listId: 'list_ckl_analys', stoodDown: [] }),
      draft('alarm.staffed', { alarmId }),
    ],
    ago(16),
  );
}
