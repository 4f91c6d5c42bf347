/**
 * The map's public reference data (no login, like the borders): the stadsdelar layer and the
 * gazetteer the search reads, both from the bundled open data and compressed once at start.
 * The service worker keeps them for an offline console.
 */
import type express from 'express';
import type { DivisionId } from '../../shared/domain/division';
import { loadGazetteer, loadNeighbourhoodsText } from '../geo';
import { precompressed, sendPrecompressed } from './static';

export function mapDataRoutes(app: express.Express, division: DivisionId): void {
  const neighbourhoodsText = loadNeighbourhoodsText();
  const neighbourhoods = precompressed(neighbourhoodsText);
  const gazetteer = precompressed(() =>
    JSON.stringify(loadGazetteer(division, neighbourhoodsText)),
  );
  app.get('/api/map/neighbourhoods', (req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    sendPrecompressed(req, res, neighbourhoods, 'application/geo+json');
  });
  app.get('/api/map/gazetteer', (req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    sendPrecompressed(req, res, gazetteer, 'application/json');
  });
}
