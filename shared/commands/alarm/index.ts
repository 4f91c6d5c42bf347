/**
 * Alarm and call-in (larm och inkallning), duty schedules and handovers. Rules R40–R59 in
 * docs/rules.md.
 */

export * from './policy';
export * from './directory';
export * from './alarming';
export * from './answers';
export * from './system';
export * from './sends';
export * from './endurance';

export type { DecideContext } from '../define';
export { Phone, Email, ContactInput } from './common';
