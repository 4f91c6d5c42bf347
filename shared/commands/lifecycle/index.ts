import { JUDGEMENT_COMMANDS } from './judgement';
import { CENTRAL_SUPPORT_COMMANDS } from './centralSupport';
import { EVALUATION_COMMANDS } from './evaluation';
import { LOCAL_LIAISON_COMMANDS } from './localLiaison';
import { PRESIDENCY_COMMANDS } from './presidency';
import { NOTICE_COMMANDS } from './notices';
import { NOTICE_DELIVERY_COMMANDS } from './noticeDelivery';

/** The decision lifecycle's commands (R200–R214), by wire type. */
export const LIFECYCLE_COMMANDS = {
  ...JUDGEMENT_COMMANDS,
  ...CENTRAL_SUPPORT_COMMANDS,
  ...EVALUATION_COMMANDS,
  ...LOCAL_LIAISON_COMMANDS,
  ...PRESIDENCY_COMMANDS,
  ...NOTICE_COMMANDS,
  ...NOTICE_DELIVERY_COMMANDS,
} as const;
