import type { ReactNode } from 'react';
import {
  DISTRICT_STATUS_LABEL,
  LEVEL_LABEL,
  type DistrictStatus,
  type Level,
} from '../../../shared/domain/vocabulary';

const LEVEL_SYMBOL: Record<Level, string> = {
  disruption: '◆',
  serious: '▲',
  extraordinary: '■',
};
export const STATUS_SYMBOL: Record<DistrictStatus | 'none', string> = {
  none: '?',
  normal: '●',
  strained: '◐',
  severe: '▲',
  critical: '✕',
};

export function LevelTag({ level }: { level: Level }) {
  return (
    <span className={`tag tag-level-${level}`}>
      <span aria-hidden="true">{LEVEL_SYMBOL[level]}</span> {LEVEL_LABEL[level]}
    </span>
  );
}

export function StatusTag({ status }: { status: DistrictStatus | null }) {
  return (
    <span className={`tag tag-status-${status ?? 'none'}`}>
      <span aria-hidden="true">{STATUS_SYMBOL[status ?? 'none']}</span>{' '}
      {status ? DISTRICT_STATUS_LABEL[status] : 'Ingen rapport'}
    </span>
  );
}

export function Field({
  label,
  id,
  children,
  hint,
}: {
  label: string;
  id: string;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}
