/**
 * GET /api/warnings (signed in): the current warnings as an RFC 7946 FeatureCollection with
 * each feed's status. `?space=exercise-…` gives an exercise's own warnings, from its
 * scenario, to those who may see that space; never the live feeds (R138).
 */
import type express from 'express';
import { REAL_SPACE } from '../../shared/protocol';
import { maySeeSpace } from '../../shared/visibility';
import { isExerciseSpace } from '../../shared/domain/exercise';
import { warningFeature } from '../../shared/warnings';
import { scenarioWarnings } from '../../shared/warnings/scenario';
import type { Actor } from '../../shared/domain/actor';
import type { Space } from '../space';
import type { WarningCollection, WarningService } from './service';

/** An exercise's warnings: the warning injects played so far. */
export function scenarioCollection(space: Space): WarningCollection {
  const ws = scenarioWarnings(space.state);
  return {
    type: 'FeatureCollection',
    features: ws.map(warningFeature),
    feeds: [],
    origin: 'scenario',
    version: space.seq,
    updatedAt: new Date().toISOString(),
  };
}

export function mountWarningRoutes(
  app: express.Express,
  authenticate: express.RequestHandler,
  deps: { service: WarningService; spaces: Map<string, Space> },
): void {
  app.get('/api/warnings', authenticate, (req, res) => {
    const name = typeof req.query.space === 'string' ? req.query.space : REAL_SPACE;
    if (name === REAL_SPACE) {
      res.type('application/geo+json').send(JSON.stringify(deps.service.current()));
      return;
    }
    const space = isExerciseSpace(name) ? deps.spaces.get(name) : undefined;
    if (!space)
      return void res
        .status(404)
        .json({ error: { code: 'NOT_FOUND', message: 'Övningen finns inte.' } });
    if (!maySeeSpace(req.actor as Actor, space.state))
      return void res.status(403).json({
        error: { code: 'FORBIDDEN', message: 'Du deltar inte i den här övningen.' },
      });
    res.type('application/geo+json').send(JSON.stringify(scenarioCollection(space)));
  });
}
