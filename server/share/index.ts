/**
 * Sharing the situation picture with partners (R90–R99): the public pages and feeds under
 * /delning, and the staff's API under /api/shares.
 */
import type express from 'express';
import type { Space } from '../space';
import type { PdfRenderer } from '../export/pdf';
import { shareApi } from './api';
import { SHARE_BASE_PATH } from './document';
import type { DivisionGeoJson } from './map';
import { shareRoutes } from './routes';
import { shareTokens } from './token';
import type { ShareViewStore } from './views';

export interface ShareDeps {
  spaces: ReadonlyMap<string, Space>;
  secret: Buffer;
  views: ShareViewStore;
  pdf: PdfRenderer;
  division: (id: string) => DivisionGeoJson | undefined;
  publicUrl?: string;
  rateLimit: number;
}

export function mountShares(
  app: express.Express,
  authenticate: express.RequestHandler,
  deps: ShareDeps,
): void {
  const tokens = shareTokens(deps.secret);
  app.use(SHARE_BASE_PATH, shareRoutes({ ...deps, tokens }));
  app.use(shareApi({ ...deps, tokens, authenticate }));
}

export { FileShareViewStore, type ShareViewStore } from './views';
