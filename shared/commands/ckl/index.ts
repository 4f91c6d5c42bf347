/**
 * The CKL lead's tools and the four functions at work, one module a function. Rule numbers
 * (R20–R39) refer to docs/rules.md.
 */

import { decideDirection, recordBriefing, setBriefing } from './lead';
import {
  answerRequest,
  cancelConference,
  closeConference,
  logContact,
  makeRequest,
  minuteConference,
  placeRepresentative,
  registerActor,
  rollCall,
  scheduleConference,
  startConference,
  updateActor,
  withdrawRepresentative,
} from './liaison';
import {
  approveSitrep,
  confirmUnitNoChange,
  draftSitrep,
  recordConsequences,
  reportUnit,
  returnSitrep,
} from './analysis';
import {
  approveMessage,
  draftMessage,
  logMedia,
  publishMessage,
  recordPressConference,
  returnMessage,
  reviseMessage,
  schedulePressConference,
  withdrawMessage,
} from './information';
import {
  addShift,
  cancelShift,
  handleStaffSupport,
  recordCost,
  recordMovement,
  recordSupply,
  requestStaffSupport,
  setStaffSite,
  voidCost,
} from './administration';

export * from './lead';
export * from './liaison';
export * from './analysis';
export * from './information';
export * from './administration';

/** Every CKL command by wire type, with the function (or lead) that owns it. */
export const CKL_COMMANDS = {
  'ckl.decideDirection': decideDirection,
  'ckl.setBriefing': setBriefing,
  'ckl.recordBriefing': recordBriefing,
  'ckl.approveSitrep': approveSitrep,
  'ckl.returnSitrep': returnSitrep,
  'liaison.registerActor': registerActor,
  'liaison.updateActor': updateActor,
  'liaison.logContact': logContact,
  'liaison.placeRepresentative': placeRepresentative,
  'liaison.withdrawRepresentative': withdrawRepresentative,
  'liaison.request': makeRequest,
  'liaison.answerRequest': answerRequest,
  'liaison.scheduleConference': scheduleConference,
  'liaison.startConference': startConference,
  'liaison.rollCall': rollCall,
  'liaison.minute': minuteConference,
  'liaison.closeConference': closeConference,
  'liaison.cancelConference': cancelConference,
  'unit.report': reportUnit,
  'unit.confirmNoChange': confirmUnitNoChange,
  'analysis.draftSitrep': draftSitrep,
  'analysis.recordConsequences': recordConsequences,
  'information.draftMessage': draftMessage,
  'information.reviseMessage': reviseMessage,
  'information.approveMessage': approveMessage,
  'information.returnMessage': returnMessage,
  'information.publishMessage': publishMessage,
  'information.withdrawMessage': withdrawMessage,
  'information.schedulePressConference': schedulePressConference,
  'information.recordPressConference': recordPressConference,
  'information.logMedia': logMedia,
  'administration.addShift': addShift,
  'administration.cancelShift': cancelShift,
  'administration.recordCost': recordCost,
  'administration.voidCost': voidCost,
  'administration.requestStaffSupport': requestStaffSupport,
  'administration.handleStaffSupport': handleStaffSupport,
  'administration.setStaffSite': setStaffSite,
  'administration.recordMovement': recordMovement,
  'administration.recordSupply': recordSupply,
} as const;
export { CKL_INTERNAL, STAFF_SUPPORT_AUDIENCE } from './common';
