/**
 * What asks a person for attention (uppmärksamhet): the kinds, the item the console raises, and
 * the acknowledgements (kvitteringar) the log keeps. Which items are addressed to whom is decided
 * in ./addressed.ts, once, for the server (who may acknowledge) and every console (what to raise).
 */
import { z } from 'zod';
import type { ActorRef } from '../domain/refs';
import type { Role } from '../domain/vocabulary';
import type { Table } from '../domain/table';

export const ATTENTION_KINDS = [
  'level', // an open event's level changed
  'proposal', // a proposal to the chair to declare an event extraordinary
  'support', // an area asks for central support
  'task', // a task (uppdrag) given to me, my district or my function
  'alarm', // an alarm that reached my console
  'card', // an overdue step of an action card I hold
  'warning', // a new official warning touching Stockholm county, for the chosen roles
] as const;
export const AttentionKind = z.enum(ATTENTION_KINDS);
export type AttentionKind = z.infer<typeof AttentionKind>;

export const ATTENTION_KIND_LABEL: Record<AttentionKind, string> = {
  level: 'Ny nivå',
  proposal: 'Förslag till ordföranden',
  support: 'Begäran om centralt stöd',
  task: 'Uppdrag till dig',
  alarm: 'Larm',
  card: 'Försenat steg på åtgärdskort',
  warning: 'Ny varning',
};

/** One thing the console raises for one person. */
export interface AttentionItem {
  /**
   * Stable across consoles and reloads, from the matter's own ids: `level:<decision id>`,
   * `proposal:<id>`, `support:<event id>@<requested at>`, `task:<id>`,
   * `alarm:<alarm id>~<recipient key>`, `card:<instance id>~<step id>`, `warning:<feature id>`.
   */
  key: string;
  kind: AttentionKind;
  /** The headline, in Swedish. */
  title: string;
  /** One or two sentences: what happened and what is asked. */
  detail: string;
  /** When the matter arose. */
  at: string;
  /** Who raised it, when a person did. */
  from?: string;
  /**
   * Action is needed: the dialog is closed by acknowledging (recorded in the log). Otherwise
   * it is information, closed locally ("Stäng").
   */
  needsAck: boolean;
  eventId?: string;
  /** For an alarm: which call, so the console can offer its answer right in the dialog. */
  alarm?: { alarmId: string; recipientKey: string };
}

/** One person's acknowledgement of an item. */
export interface AttentionAck {
  by: ActorRef;
  at: string;
}

export interface AttentionState {
  /** Acknowledgements by item key, in the order they were given. */
  acks: Table<AttentionAck[]>;
}

/** Roles on call through the night: they are offered system notifications after sign-in. */
export const ON_CALL_ROLES: readonly Role[] = [
  'district_officer',
  'unit_officer',
  'chair',
  'director',
  'security_chief',
  'ckl_lead',
];
