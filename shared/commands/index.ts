import type { z } from 'zod';
import type { CommandDef } from './define';
import * as core from './core';
import { CKL_COMMANDS } from './ckl';

/** Every command the console accepts, by wire type. */
export const COMMANDS = {
  'event.open': core.openDisruption,
  'event.update': core.updateEvent,
  'event.requestCentralSupport': core.requestCentralSupport,
  'event.decideCentralSupport': core.decideCentralSupport,
  'event.raiseToSerious': core.raiseToSerious,
  'event.proposeExtraordinary': core.proposeExtraordinary,
  'event.withdrawProposal': core.withdrawProposal,
  'event.declareExtraordinary': core.declareExtraordinary,
  'event.rejectProposal': core.rejectProposal,
  'event.lowerLevel': core.lowerLevel,
  'event.close': core.closeEvent,
  'ckl.activate': core.activateCkl,
  'ckl.deactivate': core.deactivateCkl,
  'evaluation.complete': core.completeEvaluation,
  'board.urgentDecision': core.takeUrgentDecision,
  'board.reportUrgentDecision': core.reportUrgentDecision,
  'board.takeOverArea': core.takeOverArea,
  'alert.recordHeightened': core.recordHeightenedAlert,
  'delegation.grant': core.grantDelegation,
  'delegation.revoke': core.revokeDelegation,
  'district.report': core.fileSituationReport,
  'district.confirmNoChange': core.confirmNoChange,
  'marker.place': core.placeMarker,
  'marker.move': core.moveMarker,
  'marker.remove': core.removeMarker,
  'log.write': core.writeLog,
  'task.create': core.createTask,
  'task.update': core.updateTask,
  'user.register': core.registerUser,
  'user.disable': core.disableUser,
  'user.enable': core.enableUser,
  ...CKL_COMMANDS,
} as const;

export type CommandType = keyof typeof COMMANDS;
export type CommandPayload<K extends CommandType> = z.input<(typeof COMMANDS)[K]['payload']>;
export const isCommandType = (t: string): t is CommandType => Object.hasOwn(COMMANDS, t);
export const commandDef = (t: CommandType): CommandDef<z.ZodType> =>
  COMMANDS[t] as unknown as CommandDef<z.ZodType>;
export type { CommandDef, DecideContext } from './define';
