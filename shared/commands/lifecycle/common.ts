/** The core's decision shapes, under the names the lifecycle's commands use (R200–R214). */
export {
  DecisionInput,
  decisionDraft as recordDecision,
  isRef as isRefusalLike,
  openEvent as openEventOf,
  type DecisionExtras,
} from '../core/common';
