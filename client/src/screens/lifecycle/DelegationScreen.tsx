/**
 * Deputies (ersättare, R14): the holder of a deciding role grants and revokes who acts for it;
 * an administrator does it for others' roles (never to himself, R117).
 */
import { useId, useState, type FormEvent } from 'react';
import {
  DELEGABLE_ROLES,
  DEPUTY_LABEL,
  ROLE_LABEL,
  type DelegableRole,
} from '../../../../shared/domain/vocabulary';
import type { Delegation } from '../../../../shared/domain/state';
import { lookup } from '../../../../shared/domain/keyed';
import { useCityState, useMay, useNow } from '../../hooks';
import { useConsole } from '../../store/console';
import { useSubmitOnce } from '../../submitOnce';
import { AckLine } from '../../components/AckLine';
import { Field } from '../../components/bits';
import { dayTime } from '../../format';
import { Card, localToIso, TextField, TimeField } from '../../components/kit';
import { SubmitRow } from '../../components/formRows';
import type { ScreenProps } from '../common';
import { LifecycleLayout } from './layout';

const isDelegable = (r: string): r is DelegableRole =>
  (DELEGABLE_ROLES as readonly string[]).includes(r);

function GrantForm() {
  const uid = useId();
  const state = useCityState();
  const me = useConsole((s) => s.me);
  const roles: DelegableRole[] =
    me?.role === 'admin' ? [...DELEGABLE_ROLES] : me && isDelegable(me.role) ? [me.role] : [];
  const [role, setRole] = useState<DelegableRole | ''>(roles[0] ?? '');
  const [to, setTo] = useState('');
  const [basis, setBasis] = useState('');
  const [until, setUntil] = useState('');
  const { submit, ack, busy } = useSubmitOnce('delegation-grant', {
    onSaved: () => {
      setTo('');
      setBasis('');
      setUntil('');
    },
  });
  const may = useMay('delegation.grant', {
    role: role || 'director',
    toUserId: to || 'someone-else',
    basis: '–',
  });
  if (!me || roles.length === 0 || !may)
    return (
      <p className="muted">
        Ersättare förordnas av den som innehar rollen (ordföranden, stadsdirektören, säkerhetschefen
        eller stabschefen) eller av en administratör.
      </p>
    );
  const users = Object.values(state.users)
    .filter((u) => u.active && u.userId !== me.userId)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!role || !to) return;
    const iso = localToIso(until);
    submit('delegation.grant', { role, toUserId: to, basis, ...(iso ? { until: iso } : {}) });
  };
  return (
    <form onSubmit={send} data-testid="delegation-grant">
      <Field label="Roll" id={`${uid}-role`}>
        <select
          id={`${uid}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as DelegableRole)}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]} – ersättare: {DEPUTY_LABEL[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Ersättare" id={`${uid}-to`}>
        <select id={`${uid}-to`} value={to} required onChange={(e) => setTo(e.target.value)}>
          <option value="">Välj person…</option>
          {users.map((u) => (
            <option key={u.userId} value={u.userId}>
              {u.name} ({ROLE_LABEL[u.role].toLowerCase()})
            </option>
          ))}
        </select>
      </Field>
      <TextField
        label="Grund (obligatorisk), t.ex. beredskapsschema eller reglemente"
        value={basis}
        onChange={setBasis}
        rows={2}
        required
      />
      <TimeField label="Gäller till (valfritt)" value={until} onChange={setUntil} />
      <SubmitRow ack={ack} okText="Ersättaren är förordnad." busy={busy}>
        Förordna ersättare
      </SubmitRow>
    </form>
  );
}

function DelegationRow({ d }: { d: Delegation }) {
  const state = useCityState();
  const { submit, ack, busy } = useSubmitOnce(`delegation-revoke:${d.id}`);
  const may = useMay('delegation.revoke', { delegationId: d.id });
  const who = lookup(state.users, d.toUserId)?.name ?? d.toUserId;
  return (
    <li data-testid={`delegation-${d.id}`}>
      <strong>{who}</strong> är {DEPUTY_LABEL[d.role]}
      <span className="muted">
        {' '}
        · förordnad {dayTime(d.at)} av {d.grantedBy.name}
        {d.until ? ` · till ${dayTime(d.until)}` : ' · tills vidare'} · grund: {d.basis}
      </span>
      {may && (
        <button
          type="button"
          className="btn-secondary"
          disabled={busy}
          aria-busy={busy || undefined}
          onClick={() => submit('delegation.revoke', { delegationId: d.id })}
        >
          Återkalla
        </button>
      )}
      <AckLine ack={ack} okText="Förordnandet är återkallat." />
    </li>
  );
}

export function DelegationScreen(_props: ScreenProps) {
  const state = useCityState();
  const now = useNow(60_000);
  const all = Object.values(state.delegations).sort((a, b) => b.at.localeCompare(a.at));
  const live = all.filter((d) => !d.revokedAt && (!d.until || d.until > now));
  const ended = all.filter((d) => !live.includes(d)).slice(0, 20);
  return (
    <LifecycleLayout
      label="Ersättare"
      columns={[
        <Card key="grant" title="Förordna ersättare" testId="delegations-grant">
          <p className="muted">
            En ersättare tjänstgör för rollen (t.ex. tjänstgörande stadsdirektör) så länge
            förordnandet gäller. Varje beslut visar vem som agerade för vem.
          </p>
          <GrantForm />
        </Card>,
        <Card key="live" title={`Gällande förordnanden (${live.length})`} testId="delegations-live">
          {live.length === 0 ? (
            <p className="muted">Inga gällande förordnanden.</p>
          ) : (
            <ul className="plain delegation-list">
              {live.map((d) => (
                <DelegationRow key={d.id} d={d} />
              ))}
            </ul>
          )}
          {ended.length > 0 && (
            <>
              <h3>Avslutade</h3>
              <ul className="plain">
                {ended.map((d) => (
                  <li key={d.id} className="muted">
                    {lookup(state.users, d.toUserId)?.name ?? d.toUserId} – {DEPUTY_LABEL[d.role]} ·{' '}
                    {d.revokedAt
                      ? `återkallad ${dayTime(d.revokedAt)}`
                      : `gick ut ${dayTime(d.until)}`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>,
      ]}
    />
  );
}
