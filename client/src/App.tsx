import { Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { UserProfile } from '../../shared/domain/state';
import * as api from './api';
import { connect, type Connection } from './store/connection';
import { consoleStore, useConsole } from './store/console';
import { lastUser } from './store/localCache';
import { Frame, PASSWORD_ROUTE } from './components/Frame';
import { ForcedPasswordChange, PasswordScreen } from './screens/account/ChangePassword';
import { RegionBoundary } from './components/RegionBoundary';
import { Login } from './screens/Login';
import { routesFor } from './routes';
import type { MapData } from './screens/common';
import { lookup } from '../../shared/domain/keyed';
import { uploadQueue } from './files/uploadQueue';

function subscribeHash(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}
const useHash = () => useSyncExternalStore(subscribeHash, () => window.location.hash);

function Nav({ routes, current }: { routes: { id: string; label: string }[]; current: string }) {
  const ref = useRef<HTMLElement>(null);
  // On a phone the tabs are one row that scrolls on its own: bring the current one into sight
  // without moving the page (scrollIntoView would also scroll the window).
  useEffect(() => {
    const nav = ref.current;
    const tab = nav?.querySelector<HTMLElement>('[aria-current=page]');
    if (!nav || !tab || nav.scrollWidth <= nav.clientWidth) return;
    const n = nav.getBoundingClientRect();
    const t = tab.getBoundingClientRect();
    nav.scrollLeft += t.left - n.left - (n.width - t.width) / 2;
  }, [current]);
  if (routes.length < 2) return null;
  return (
    <nav className="route-nav" aria-label="Arbetsytor" ref={ref}>
      {routes.map((r) => (
        <a key={r.id} href={`#/${r.id}`} aria-current={r.id === current ? 'page' : undefined}>
          {r.label}
        </a>
      ))}
    </nav>
  );
}

function Console({ onSignOut, map }: { onSignOut: () => void; map: MapData }) {
  const me = useConsole((s) => s.me);
  const actingFor = useConsole((s) => s.actingFor);
  const loaded = useConsole((s) => lookup(s.loaded, s.currentSpace));
  const mustReload = useConsole((s) => s.mustReload !== null);
  const hash = useHash();
  if (!me) return null;
  const routes = routesFor(me.role, actingFor);
  const wanted = hash.replace(/^#\/?/, '').split('?')[0];
  if (wanted === PASSWORD_ROUTE)
    return (
      <Frame nav={<Nav routes={routes} current={PASSWORD_ROUTE} />} onSignOut={onSignOut}>
        <h1 className="sr-only">Lägesbild – Byt lösenord</h1>
        <RegionBoundary region="Byt lösenord">
          <PasswordScreen userId={me.userId} />
        </RegionBoundary>
      </Frame>
    );
  const route = routes.find((r) => r.id === wanted) ?? routes[0];
  const { Screen } = route;
  return (
    <Frame nav={<Nav routes={routes} current={route.id} />} onSignOut={onSignOut}>
      <h1 className="sr-only">Lägesbild – {route.label}</h1>
      {loaded ? (
        // Keyed by route, so moving to another view starts that view afresh.
        <RegionBoundary key={route.id} region={route.label}>
          <Suspense fallback={<p className="loading">Laddar vyn…</p>}>
            <Screen map={map} />
          </Suspense>
        </RegionBoundary>
      ) : (
        <p className="loading">
          {mustReload ? 'Läget hämtas när sidan har laddats om.' : 'Hämtar läget…'}
        </p>
      )}
    </Frame>
  );
}

export function App() {
  const me = useConsole((s) => s.me);
  const sessionMessage = useConsole((s) => s.sessionMessage);
  const [booted, setBooted] = useState(false);
  const [bootError, setBootError] = useState<string | null>(null);
  const [map, setMap] = useState<MapData>({
    geojson: null,
    tileUrl: null,
    tileAttribution: null,
  });
  const conn = useRef<Connection | null>(null);
  /** Signed in with an initial password: only the change form until it is changed (R112). */
  const [mustChange, setMustChange] = useState<UserProfile | null>(null);

  const start = useCallback((user: UserProfile) => {
    setMustChange(null);
    consoleStore.getState().signedIn(user);
    conn.current?.close();
    conn.current = connect(consoleStore);
  }, []);
  const signedIn = useCallback(
    (s: api.SignedIn) => (s.mustChangePassword ? setMustChange(s.user) : start(s.user)),
    [start],
  );

  useEffect(() => {
    api
      .me()
      .then((s) => {
        if (s) signedIn(s);
      })
      .catch(() => {
        // Offline (or the server is down): the person who was signed in here keeps working on
        // the last known state; the outbox queues; the server decides again on reconnect.
        const last = lastUser.get();
        if (last) start(last);
        else setBootError('Servern går inte att nå. Försöker igen när sidan laddas om.');
      })
      .finally(() => setBooted(true));
  }, [start, signedIn]);

  const live = useConsole((s) => s.connection.status === 'live');
  useEffect(() => {
    // Also retried when the connection comes back (a reload while offline may not have it).
    if (!me || map.geojson) return;
    Promise.all([api.config(), api.division()])
      .then(([c, g]) => {
        setMap({ geojson: g, tileUrl: c.tileUrl, tileAttribution: c.tileAttribution ?? null });
        if (c.uploadMaxBytes) uploadQueue.getState().setMaxBytes(c.uploadMaxBytes);
      })
      .catch(() => consoleStore.getState().announce('Kartan kunde inte laddas.'));
  }, [me, map.geojson, live]);

  useEffect(() => {
    if (!me) {
      conn.current?.close();
      conn.current = null;
    }
  }, [me]);

  const signOut = useCallback(async () => {
    await api.logout();
    conn.current?.close();
    conn.current = null;
    consoleStore.getState().signedOut('Du har loggat ut.');
  }, []);

  if (!booted) return <p className="loading">Startar…</p>;
  if (mustChange)
    return (
      <ForcedPasswordChange
        user={mustChange}
        onChanged={start}
        onSignOut={() => {
          setMustChange(null);
          void api.logout();
        }}
      />
    );
  if (!me) return <Login onSignedIn={signedIn} message={sessionMessage ?? bootError} />;
  return <Console onSignOut={() => void signOut()} map={map} />;
}
