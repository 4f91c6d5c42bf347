/**
 * The attention sound, made with WebAudio (no audio file to bundle or cache): three rising
 * tones when action is needed, one for information. Mutable; the choice is remembered on this
 * device. Browsers start audio only after a gesture, so the context is unlocked on the first
 * press anywhere in the page.
 */
import { safeStorage } from '../store/localCache';

const KEY = 'lagesbild.attention.sound';
let ctx: AudioContext | null = null;

type AudioCtor = typeof AudioContext;
function audioCtor(): AudioCtor | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { AudioContext?: AudioCtor; webkitAudioContext?: AudioCtor };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

function context(): AudioContext | null {
  if (ctx) return ctx;
  const C = audioCtor();
  if (!C) return null;
  try {
    ctx = new C();
  } catch {
    return null;
  }
  return ctx;
}

export function soundMuted(): boolean {
  return safeStorage()?.getItem(KEY) === 'off';
}

export function setSoundMuted(muted: boolean): void {
  const st = safeStorage();
  if (!st) return;
  if (muted) st.setItem(KEY, 'off');
  else st.removeItem(KEY);
}

/** Unlocks audio on the first gesture (autoplay rules), so a later alarm can sound. */
export function unlockSoundOnGesture(): () => void {
  if (typeof window === 'undefined') return () => {};
  const unlock = () => {
    void context()
      ?.resume()
      .catch(() => undefined);
  };
  window.addEventListener('pointerdown', unlock, { once: true });
  window.addEventListener('keydown', unlock, { once: true });
  return () => {
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
}

/** Plays the chime unless muted; true when it was scheduled. */
export function playAttention(urgent: boolean): boolean {
  if (soundMuted()) return false;
  const c = context();
  if (!c) return false;
  if (c.state === 'suspended') void c.resume().catch(() => undefined);
  const tones = urgent ? [660, 880, 1100] : [880];
  const start = c.currentTime + 0.02;
  tones.forEach((hz, i) => {
    const t = start + i * 0.22;
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(hz, t);
    // A short envelope: no click at the start, gone before the next tone.
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.35, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18);
    osc.connect(gain).connect(c.destination);
    osc.start(t);
    osc.stop(t + 0.2);
  });
  return true;
}
