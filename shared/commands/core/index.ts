/**
 * The live core's commands: escalation, decisions, districts, markers, log, tasks,
 * delegations and accounts. Rule numbers (R…) refer to docs/rules.md.
 */

export * from './events';
export * from './escalation';
export * from './board';
export * from './delegations';
export * from './districts';
export * from './logAndTasks';
export * from './accounts';
