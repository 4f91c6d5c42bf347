/**
 * Raises what is addressed to me (R228): the dialog, the sound, a system notification while the
 * tab is hidden, the count in the page title; and the header's controls (what waits, sound on or
 * off). Items come from the shared module (R225); an acknowledgement is a command (R226).
 */
import { useEffect, useState } from 'react';
import { REAL_SPACE } from '../../../shared/protocol';
import { ON_CALL_ROLES } from '../../../shared/attention/model';
import { lookup } from '../../../shared/domain/keyed';
import { tableGet } from '../../../shared/domain/table';
import { plural } from '../../../shared/text/plural';
import { consoleStore, useConsole } from '../store/console';
import { useUi } from '../store/ui';
import { CallNotice } from '../screens/alarm/AlarmNotice';
import { AttentionDialog } from './AttentionDialog';
import './attention.css';
import { useAttentionItems, type SpacedItem } from './items';
import { useAttentionUi } from './store';
import { playAttention, setSoundMuted, soundMuted, unlockSoundOnGesture } from './sound';
import { setTitleCount } from './pageTitle';
import { useNotificationLinks } from './notificationLink';
import {
  askNotifyPermission,
  declineNotify,
  notifyDeclined,
  notifyIfHidden,
  notifyPermission,
} from './notify';

const origin = (key: string) => `attention:${key}`;

/** Waiting for my acknowledgement and not yet acknowledged from here. */
const waiting = (items: SpacedItem[], closed: Set<string>) =>
  items.filter((i) => i.needsAck && !closed.has(i.key));

function AlarmBody({ item }: { item: SpacedItem }) {
  const a = useConsole((s) =>
    item.alarm
      ? lookup(lookup(s.spaces, item.space)?.alarm.alarms ?? {}, item.alarm.alarmId)
      : undefined,
  );
  const r = a && item.alarm ? tableGet(a.recipients, item.alarm.recipientKey) : undefined;
  if (!a || !r) return null;
  return <CallNotice a={a} r={r} />;
}

export function AttentionCenter() {
  const me = useConsole((s) => s.me);
  const current = useConsole((s) => s.currentSpace);
  const realReady = useConsole(
    (s) => !!lookup(s.loaded, REAL_SPACE) && !lookup(s.fromCache, REAL_SPACE),
  );
  const currentReady = useConsole(
    (s) => !!lookup(s.loaded, s.currentSpace) && !lookup(s.fromCache, s.currentSpace),
  );
  const items = useAttentionItems();
  const raised = useAttentionUi((u) => u.raised);
  const snoozed = useAttentionUi((u) => u.snoozed);
  const closed = useAttentionUi((u) => u.closed);

  useEffect(() => useAttentionUi.getState().reset(), [me?.userId]);
  useEffect(() => unlockSoundOnGesture(), []);
  useNotificationLinks();

  // New items raise the dialog, the sound and (tab hidden) a notification; the first load of a
  // space is the baseline: what was there already is counted, not sounded.
  useEffect(() => {
    const ui = useAttentionUi.getState();
    const fresh: SpacedItem[] = [];
    for (const space of new Set([REAL_SPACE, current])) {
      if (!(space === REAL_SPACE ? realReady : currentReady)) continue;
      const mine = items.filter((i) => i.space === space);
      const base = ui.baseline.get(space);
      if (!base) {
        ui.setBaseline(
          space,
          mine.map((i) => i.key),
        );
        continue;
      }
      for (const i of mine)
        if (!base.has(i.key) && !ui.raised.includes(i.key) && !ui.closed.has(i.key)) fresh.push(i);
    }
    if (!fresh.length) return;
    ui.raise(fresh.map((i) => i.key));
    playAttention(fresh.some((i) => i.needsAck));
    for (const i of fresh) void notifyIfHidden(i);
  }, [items, current, realReady, currentReady]);

  const count = waiting(items, closed).length;
  useEffect(() => setTitleCount(count), [count]);
  useEffect(() => () => setTitleCount(0), []);

  const queue = raised
    .map((k) => items.find((i) => i.key === k))
    .filter((i): i is SpacedItem => !!i && !closed.has(i.key) && !snoozed.has(i.key));
  const item = queue[0];
  const alarmKey = item?.alarm ? item.key : null;
  useEffect(() => useAttentionUi.getState().setAlarmInDialog(alarmKey), [alarmKey]);

  if (!me || !item) return null;
  return (
    <AttentionDialog
      item={item}
      position={1}
      total={queue.length}
      alarmBody={item.alarm ? <AlarmBody item={item} /> : undefined}
      onAck={(i, show) => {
        consoleStore
          .getState()
          .send(origin(i.key), 'attention.acknowledge', { key: i.key }, i.space);
        useAttentionUi.getState().close(i.key);
        consoleStore.getState().announce('Kvitterat.');
        if (show && i.eventId) {
          if (i.space !== consoleStore.getState().currentSpace)
            consoleStore.getState().setSpace(i.space);
          useUi.getState().selectEvent(i.eventId);
          window.location.hash = '#/';
        }
      }}
      onClose={(i) => useAttentionUi.getState().close(i.key)}
      onLater={() => useAttentionUi.getState().snooze(queue.map((i) => i.key))}
    />
  );
}

/** The header's line: how much waits for me (opens the dialog) and the sound switch. */
/** What waits for my acknowledgement: one button that raises it all again. */
export function AttentionWaiting() {
  const me = useConsole((s) => s.me);
  const items = useAttentionItems();
  const closed = useAttentionUi((u) => u.closed);
  if (!me) return null;
  const open = waiting(items, closed);
  if (open.length === 0) return null;
  return (
    <button
      type="button"
      className="btn-secondary attention-open"
      data-testid="attention-open"
      onClick={() => useAttentionUi.getState().reopen(open.map((i) => i.key))}
    >
      {plural(open.length, 'sak', 'saker')} att kvittera
    </button>
  );
}

/** The attention sound on or off, remembered on this device. */
export function SoundToggle() {
  const [muted, setMuted] = useState(soundMuted);
  return (
    <button
      type="button"
      className="btn-quiet attention-sound"
      aria-pressed={!muted}
      data-testid="attention-sound"
      onClick={() => {
        setSoundMuted(!muted);
        setMuted(!muted);
        if (muted) playAttention(false);
      }}
    >
      {muted ? 'Ljud av' : 'Ljud på'}
    </button>
  );
}

/** The header's controls on a wide screen: what waits, the sound, the notification offer. */
export function AttentionControls() {
  const me = useConsole((s) => s.me);
  if (!me) return null;
  return (
    <span className="attention-controls">
      <AttentionWaiting />
      <SoundToggle />
      <NotifyOffer />
    </span>
  );
}

/**
 * The offer of system notifications for an on-call role, from sign-in on: a button in the
 * header that opens its explanation; the browser's prompt comes only when the person presses
 * "Tillåt aviseringar" (never on page load), and "Inte nu" is remembered on this device.
 */
export function NotifyOffer() {
  const me = useConsole((s) => s.me);
  const [state, setState] = useState(() => (notifyDeclined() ? 'declined' : notifyPermission()));
  const [open, setOpen] = useState(false);
  if (!me || !ON_CALL_ROLES.includes(me.role) || state !== 'default') return null;
  return (
    <span className="notify-offer-wrap">
      <button
        type="button"
        className="btn-quiet"
        aria-expanded={open}
        aria-controls="notify-offer"
        data-testid="notify-offer-toggle"
        onClick={() => setOpen(!open)}
      >
        Aviseringar?
      </button>
      {open && (
        <section
          id="notify-offer"
          className="notify-offer"
          aria-labelledby="notify-offer-h"
          data-testid="notify-offer"
        >
          <h2 id="notify-offer-h">Aviseringar när konsolen ligger i bakgrunden</h2>
          <p>
            Du har jour. Tillåt aviseringar så säger telefonen eller datorn till när du larmas, när
            en nivå höjs eller när något väntar på ditt beslut – också när du inte tittar på
            Lägesbild.
          </p>
          <button
            type="button"
            className="btn-primary"
            onClick={() => void askNotifyPermission().then((p) => setState(p))}
          >
            Tillåt aviseringar
          </button>{' '}
          <button
            type="button"
            className="btn-quiet"
            onClick={() => {
              declineNotify();
              setState('declined');
            }}
          >
            Inte nu
          </button>
        </section>
      )}
    </span>
  );
}
