/**
 * The formats each export route accepts, first the default. The routes validate against
 * these lists and a test holds docs/protocol.md's export table to them.
 */
import { REPORT_FORMATS } from '../../shared/report/afterAction';

export { REPORT_FORMATS };
export const SITUATION_FORMATS = ['html', 'pdf', 'geojson'] as const;
export const PROTOCOL_FORMATS = ['html', 'pdf'] as const;

export const EXPORT_FORMATS: ReadonlyMap<string, readonly string[]> = new Map<
  string,
  readonly string[]
>([
  ['/api/export/report', REPORT_FORMATS],
  ['/api/export/situation', SITUATION_FORMATS],
  ['/api/export/protocol', PROTOCOL_FORMATS],
]);
