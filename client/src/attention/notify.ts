/**
 * System notifications while the console's tab is hidden. Permission is asked only when the
 * person presses "Tillåt aviseringar" in the offer shown after signing in as an on-call role
 * (never on page load), and a "Inte nu" is remembered on this device.
 */
import type { AttentionItem } from '../../../shared/attention/model';
import { safeStorage } from '../store/localCache';
import { attentionLink, openAttentionTarget, type AttentionTarget } from './notificationLink';

const DECLINED = 'lagesbild.attention.notifyDeclined';

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export function notifyPermission(): NotifyPermission {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return Notification.permission;
}

export const notifyDeclined = (): boolean => safeStorage()?.getItem(DECLINED) === 'yes';
export const declineNotify = (): void => safeStorage()?.setItem(DECLINED, 'yes');

export async function askNotifyPermission(): Promise<NotifyPermission> {
  if (notifyPermission() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return notifyPermission();
  }
}

export const pageHidden = (): boolean =>
  typeof document !== 'undefined' && document.visibilityState === 'hidden';

/**
 * Shows one item as a system notification if the page is hidden and permission is granted.
 * Through the service worker where there is one (a phone's browser allows no other way), else
 * the page's own Notification; the tag keeps one notification per item.
 */
export async function notifyIfHidden(item: AttentionItem & { space: string }): Promise<boolean> {
  if (!pageHidden() || notifyPermission() !== 'granted') return false;
  const target: AttentionTarget = {
    key: item.key,
    space: item.space,
    ...(item.eventId ? { eventId: item.eventId } : {}),
  };
  const options: NotificationOptions & { requireInteraction?: boolean } = {
    body: item.detail,
    tag: item.key,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    lang: 'sv',
    requireInteraction: item.needsAck,
    // What a click opens (client/public/sw.js): this item, in its space, at its event.
    data: { ...target, url: attentionLink(target) },
  };
  try {
    const reg =
      'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
    if (reg?.active) {
      await reg.showNotification(item.title, options);
      return true;
    }
  } catch {
    // Fall back to the page's own notification below.
  }
  try {
    const n = new Notification(item.title, options);
    n.onclick = () => {
      window.focus();
      openAttentionTarget(target);
      n.close();
    };
    return true;
  } catch {
    return false;
  }
}
