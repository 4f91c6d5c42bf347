/** The crisis board's commands (R190–R199), by wire type. */
import { removeMember, saveMember } from './members';
import {
  addAgendaItem,
  attestProtocol,
  cancelMeeting,
  closeMeeting,
  convene,
  openMeeting,
  recordAttendance,
} from './meetings';
import { resolveItem } from './items';
import {
  informBoard,
  proposeTakeover,
  remindUrgentReports,
  urgentTakeover,
  withdrawTakeoverProposal,
} from './takeovers';

export const BOARD_COMMANDS = {
  'board.saveMember': saveMember,
  'board.removeMember': removeMember,
  'board.convene': convene,
  'board.cancelMeeting': cancelMeeting,
  'board.addAgendaItem': addAgendaItem,
  'board.recordAttendance': recordAttendance,
  'board.openMeeting': openMeeting,
  'board.resolveItem': resolveItem,
  'board.closeMeeting': closeMeeting,
  'board.attestProtocol': attestProtocol,
  'board.proposeTakeover': proposeTakeover,
  'board.withdrawTakeoverProposal': withdrawTakeoverProposal,
  'board.inform': informBoard,
  /** The chair's takeover on the board's behalf when it cannot wait (R196). */
  'board.takeOverArea': urgentTakeover,
  'board.remindUrgentReports': remindUrgentReports,
} as const;
