/**
 * Administration of alarm and call-in (R40): the contact directory (with CSV export/import and
 * its rejected-rows report, R56), call lists with order, reserves, quota and timeout, message
 * templates and alarm plans per level. For administrators and the administrative function.
 */
import { useState } from 'react';
import { useMay } from '../../hooks';
import type { ScreenProps } from '../common';
import './alarm.css';
import { Contacts } from './admin/Contacts';
import { Lists } from './admin/Lists';
import { Plans } from './admin/Plans';
import { Templates } from './admin/Templates';

type Tab = 'contacts' | 'lists' | 'templates' | 'plans';
const TABS: { id: Tab; label: string }[] = [
  { id: 'contacts', label: 'Kontakter' },
  { id: 'lists', label: 'Larmlistor' },
  { id: 'templates', label: 'Meddelandemallar' },
  { id: 'plans', label: 'Larmplaner' },
];

export function AlarmAdminScreen(_props: ScreenProps) {
  const [tab, setTab] = useState<Tab>('contacts');
  const may = useMay('alarm.saveTemplate', { name: 'x', text: 'x' });
  if (!may)
    return (
      <p className="muted panel-hint">
        Endast en administratör eller administrativa funktionen kan ändra kontakter och larmlistor.
      </p>
    );
  return (
    <div className="page admin-page" aria-label="Larmadministration">
      <div className="tabs" role="tablist" aria-label="Larmadministration">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'contacts' ? (
          <Contacts />
        ) : tab === 'lists' ? (
          <Lists />
        ) : tab === 'templates' ? (
          <Templates />
        ) : (
          <Plans />
        )}
      </div>
    </div>
  );
}
