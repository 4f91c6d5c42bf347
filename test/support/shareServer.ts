/** Share links on a real test server: making one over HTTP, and an exercise with one to share. */
import { connectConsole, login, type TestConsole, type TestServer } from './server';

export interface CreatedShare {
  status: number;
  body: { token: string; url: string; shareId: string; error?: { code: string; message: string } };
}

let ids = 0;

/** POST /api/shares as the person whose cookie is given (a week's link to Länsstyrelsen). */
export async function postShare(
  url: string,
  cookie: string,
  fields: Record<string, unknown>,
  id = `share-test-${process.pid}-${++ids}`,
): Promise<CreatedShare> {
  const res = await fetch(`${url}/api/shares`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      id,
      recipient: { kind: 'actor', actorId: 'lansstyrelsen-stockholm' },
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      ...fields,
    }),
  });
  return { status: res.status, body: (await res.json()) as CreatedShare['body'] };
}

/**
 * Starts an exercise and plays it up to an approved situation report: TiB Farsta opens an
 * event and reports, the director raises it and activates analysis, analysis drafts, the lead
 * approves. `situation` is the report's text (long ones make a PDF of several pages).
 */
export async function exerciseWithApprovedReport(
  srv: TestServer,
  lead: TestConsole,
  opts: { name: string; situation: string },
): Promise<{ space: string; exerciseId: string; sitrepId: string; consoles: TestConsole[] }> {
  const started = await lead.command('exercise.start', { name: opts.name });
  if (!started.ok) throw new Error(started.error.message);
  const ex = Object.values(srv.app.spaces.get('real')!.state.exercise.exercises).find(
    (e) => e.name === opts.name,
  )!;
  const space = ex.space;
  const consoles: TestConsole[] = [];
  const c = async (user: string) => {
    const k = await connectConsole(srv.url, await login(srv.url, user));
    consoles.push(k);
    return k;
  };
  const [tib, dir, an] = [await c('tib.farsta'), await c('stadsdir'), await c('analys')];
  const ok = async (k: TestConsole, type: string, payload: unknown) => {
    const a = await k.command(type, payload, { space });
    if (!a.ok) throw new Error(`${type}: ${a.error.message}`);
  };
  await ok(tib, 'event.open', {
    title: 'Övningsbrand i Farsta',
    area: { kind: 'district', id: 'farsta' },
  });
  const state = () => srv.app.spaces.get(space)!.state;
  const eventId = Object.values(state().events)[0].id;
  await ok(dir, 'event.raiseToSerious', { eventId, decision: { basis: 'Övning.' } });
  await ok(dir, 'ckl.activate', {
    eventId,
    functions: ['analysis'],
    decision: { basis: 'Övning.' },
  });
  await ok(tib, 'district.report', {
    districtId: 'farsta',
    basedOnReportId: null,
    status: 'critical',
    happened: 'Övningsbranden sprider sig.',
    crisisSupport: 'active',
    nextReportDue: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await ok(an, 'analysis.draftSitrep', {
    eventId,
    title: 'Övningens lägesbild',
    situation: opts.situation,
  });
  const sitrepId = Object.values(state().ckl.sitreps)[0].id;
  await ok(lead, 'ckl.approveSitrep', { sitrepId });
  return { space, exerciseId: ex.id, sitrepId, consoles };
}
