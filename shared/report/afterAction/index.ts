/** The after-action report (efterhandsrapport): built as data, rendered by server/export. */
export { buildAfterAction, type AfterActionOptions } from './build';
export { describeEvent } from './describe';
export { formatOre } from './money';
export * from './types';
