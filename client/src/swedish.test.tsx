/**
 * R165: Swedish throughout. The label tables and the rendered screens carry no English status
 * word (strained, critical, in_progress …), whatever state the city is in; counts use the one
 * plural helper. R166: "Begär centralt stöd" is gone once support is granted.
 */
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import * as vocabulary from '../../shared/domain/vocabulary';
import * as ckl from '../../shared/domain/ckl';
import * as alarm from '../../shared/domain/alarm';
import * as share from '../../shared/domain/share';
import { draft } from '../../shared/events';
import type { ActorRef } from '../../shared/domain/state';
import { feed } from './test/feed';
import { signInAs, users } from './test/fixtures';
import { EventPage } from './components/EventPage';
import { OfficerScreen } from './screens/OfficerScreen';
import { ChairScreen } from './screens/ChairScreen';
import { LeadershipScreen } from './screens/LeadershipScreen';
import { CklLeadScreen } from './screens/ckl/LeadScreen';
import { AnalysisScreen } from './screens/ckl/AnalysisScreen';
import { DutyScreen } from './screens/alarm/DutyScreen';

/** Status keys that must never reach the screen as words. */
const ENGLISH =
  /\b(strained|critical|severe|in_progress|in progress|cancelled|pending|requested|granted|declined|queued|delivered|failed|gave_up|draft|approved|published|withdrawn|not_active|standby)\b/i;

const tib: ActorRef = { userId: 'tib.farsta', name: 'TiB Farsta', role: 'district_officer' };
const dir: ActorRef = { userId: 'stadsdir', name: 'Maria Lindqvist', role: 'director' };

const report = (districtId: string, status: 'strained' | 'critical', reportId: string) =>
  draft('district.reported', {
    reportId,
    districtId,
    status,
    happened: 'Läget förvärras.',
    consequences: '',
    actions: '',
    needs: '',
    crisisSupport: 'active',
    nextReportDue: new Date(Date.now() + 3_600_000).toISOString(),
    noChange: false,
  });

/** A city with every status word a screen could show: ansträngt, kritiskt, tasks under way. */
function strainedCity() {
  feed([report('farsta', 'critical', 'rep2')], tib);
  feed([report('bromma', 'strained', 'rep3')]);
  feed(
    [
      draft('task.created', {
        taskId: 'task1',
        eventId: 'evt1',
        title: 'Ordna reservkraft till äldreboenden',
        description: '',
        assignee: { kind: 'function', fn: 'analysis' },
      }),
      draft('task.updated', { taskId: 'task1', status: 'in_progress' }),
      draft('event.centralSupportRequested', { eventId: 'evt1', reason: 'Reservkraft' }),
    ],
    dir,
  );
  // A handover's summary keeps the status keys as they were; the screen must word them.
  feed(
    [
      draft('handover.created', {
        handoverId: 'ho1',
        duty: 'ckl_lead',
        toUserId: 'stabschef',
        note: '',
        summary: {
          decisions: [],
          openTasks: [{ id: 'task1', title: 'Reservkraft', status: 'in_progress', overdue: false }],
          situation: [
            {
              districtId: 'bromma',
              name: 'Bromma',
              status: 'strained',
              at: new Date().toISOString(),
              needs: '',
            },
          ],
          unanswered: [],
          alarms: [],
        },
      }),
    ],
    dir,
  );
}

test('R165 every label table in shared/domain is Swedish: no English status word in any label', () => {
  const offenders: string[] = [];
  for (const mod of [vocabulary, ckl, alarm, share])
    for (const [name, table] of Object.entries(mod))
      if (/_LABEL$/.test(name) && table && typeof table === 'object')
        for (const [key, label] of Object.entries(table as Record<string, unknown>))
          if (typeof label === 'string' && ENGLISH.test(label))
            offenders.push(`${name}.${key} = ${label}`);
  expect(offenders).toEqual([]);
  expect(vocabulary.DISTRICT_STATUS_LABEL.strained).toBe('Ansträngt');
  expect(vocabulary.DISTRICT_STATUS_LABEL.critical).toBe('Kritiskt');
});

const SCREENS: [keyof typeof users, string, () => ReactElement][] = [
  ['tib.farsta', 'TiB', () => <OfficerScreen map={{ geojson: null, tileUrl: null }} />],
  ['tib.farsta', 'händelsesidan', () => <EventPage eventId="evt1" />],
  ['ordf', 'ordförande', () => <ChairScreen map={{ geojson: null, tileUrl: null }} />],
  ['stadsdir', 'ledning', () => <LeadershipScreen map={{ geojson: null, tileUrl: null }} />],
  ['stabschef', 'stabschef', () => <CklLeadScreen map={{ geojson: null, tileUrl: null }} />],
  ['analys', 'analys', () => <AnalysisScreen map={{ geojson: null, tileUrl: null }} />],
  ['stabschef', 'bemanning', () => <DutyScreen map={{ geojson: null, tileUrl: null }} />],
];

test.each(SCREENS)(
  'R165 %s (%s) shows no English status word with districts ansträngt and kritiskt',
  (user, _name, el) => {
    signInAs(user);
    strainedCity();
    const { container } = render(el());
    const text = container.textContent ?? '';
    expect(text.match(ENGLISH)?.[0] ?? null).toBeNull();
    cleanup();
  },
);

test('R165 the TiB screen says Kritiskt and Ansträngt in words', () => {
  signInAs('tib.farsta');
  strainedCity();
  const { container } = render(<OfficerScreen map={{ geojson: null, tileUrl: null }} />);
  expect(container.textContent).toContain('Kritiskt');
  expect(container.textContent).toContain('Ansträngt');
});

test('R166 "Begär centralt stöd" is offered until support is granted, then gone', () => {
  signInAs('tib.farsta');
  const { rerender } = render(<EventPage eventId="evt1" />);
  expect(screen.getByText('Begär centralt stöd')).toBeTruthy();
  feed(
    [
      draft('decision.recorded', {
        decisionId: 'd-cs',
        kind: 'central_support',
        eventId: 'evt1',
        basis: 'Behovet är styrkt.',
        what: 'Centralt stöd beviljas.',
        informed: [],
      }),
      draft('event.centralSupportDecided', { eventId: 'evt1', granted: true, decisionId: 'd-cs' }),
    ],
    dir,
  );
  rerender(<EventPage eventId="evt1" />);
  expect(screen.queryByText('Begär centralt stöd')).toBeNull();
});
