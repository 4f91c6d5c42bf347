import type { z } from 'zod';
import type { CommandDef } from './define';
import * as core from './core';
import { CKL_COMMANDS } from './ckl';
import * as exercise from './exercise';
import * as alarm from './alarm';
import { SHARE_COMMANDS } from './share';
import { WARNING_COMMANDS } from './warnings';
import { CARD_COMMANDS } from './cards';
import { CARD_EDIT_COMMANDS } from './cardEdits';
import { LIFECYCLE_COMMANDS } from './lifecycle';
import { BOARD_COMMANDS } from './board';
import { FILE_COMMANDS } from './files';
import { ATTENTION_COMMANDS } from './attention';

/** Every command the console accepts, by wire type. */
export const COMMANDS = {
  'event.open': core.openDisruption,
  'event.update': core.updateEvent,
  'event.requestCentralSupport': core.requestCentralSupport,
  'event.raiseToSerious': core.raiseToSerious,
  'event.proposeExtraordinary': core.proposeExtraordinary,
  'event.withdrawProposal': core.withdrawProposal,
  'event.rejectProposal': core.rejectProposal,
  'event.close': core.closeEvent,
  'ckl.activate': core.activateCkl,
  'ckl.deactivate': core.deactivateCkl,
  'board.urgentDecision': core.takeUrgentDecision,
  'board.reportUrgentDecision': core.reportUrgentDecision,
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
  'exercise.start': exercise.startExercise,
  'exercise.end': exercise.endExercise,
  'exercise.pause': exercise.pauseExercise,
  'exercise.resume': exercise.resumeExercise,
  'exercise.skipInject': exercise.skipInject,
  'exercise.addInject': exercise.addInject,
  'exercise.deliverInject': exercise.deliverInject,
  'alarm.saveContact': alarm.saveContact,
  'alarm.importContacts': alarm.importContacts,
  'alarm.removeContact': alarm.removeContact,
  'alarm.saveList': alarm.saveList,
  'alarm.removeList': alarm.removeList,
  'alarm.saveTemplate': alarm.saveTemplate,
  'alarm.savePlan': alarm.savePlan,
  'alarm.start': alarm.startAlarm,
  'alarm.cancel': alarm.cancelAlarm,
  'alarm.respond': alarm.respondToAlarm,
  'alarm.answerByLink': alarm.answerByLink,
  'alarm.openLink': alarm.openLink,
  'alarm.issueToken': alarm.issueToken,
  'alarm.recordSendStart': alarm.recordSendStart,
  'alarm.recordSend': alarm.recordSend,
  'alarm.timeout': alarm.alarmTimeout,
  'duty.saveShift': alarm.saveShift,
  'duty.removeShift': alarm.removeShift,
  'handover.create': alarm.createHandover,
  'handover.acknowledge': alarm.acknowledgeHandover,
  ...SHARE_COMMANDS,
  ...WARNING_COMMANDS,
  ...CARD_COMMANDS,
  ...CARD_EDIT_COMMANDS,
  // The decision lifecycle (R200–R214) replaces the core's first versions of these.
  ...LIFECYCLE_COMMANDS,
  ...BOARD_COMMANDS,
  ...FILE_COMMANDS,
  ...ATTENTION_COMMANDS,
} as const;

export type CommandType = keyof typeof COMMANDS;
export type CommandPayload<K extends CommandType> = z.input<(typeof COMMANDS)[K]['payload']>;
/**
 * A command as a value (a form's result, a button's prop): its type and the payload its schema
 * accepts, tied together so a mistyped field is caught where the command is written.
 */
export type AnyCommand = {
  [K in CommandType]: { type: K; payload: CommandPayload<K> };
}[CommandType];
export const isCommandType = (t: string): t is CommandType => Object.hasOwn(COMMANDS, t);
export const commandDef = (t: CommandType): CommandDef<z.ZodType> =>
  COMMANDS[t] as unknown as CommandDef<z.ZodType>;
export type { CommandDef, DecideContext, ExerciseCatalog } from './define';
