/** Tasks (uppdrag) given in the period: to whom, how long to done, and which ran late. */
import { CKL_FUNCTION_LABEL } from '../../domain/vocabulary';
import type { Task } from '../../domain/state';
import { msBetween, type ReportContext } from './context';
import type { TaskFigures, TaskRow } from './types';

export function tasksOf(ctx: ReportContext): TaskFigures {
  const assignee = (a: Task['assignee']) =>
    a.kind === 'function'
      ? CKL_FUNCTION_LABEL[a.fn]
      : a.kind === 'user'
        ? ctx.userName(a.userId)
        : ctx.districtName(a.districtId);
  const rows = new Map<string, TaskRow>();
  for (const e of ctx.events) {
    if (e.type === 'task.created')
      rows.set(e.data.taskId, {
        taskId: e.data.taskId,
        eventId: e.data.eventId ?? null,
        title: e.data.title,
        assignee: assignee(e.data.assignee),
        createdAt: e.at,
        status: 'open',
        doneAt: null,
        durationMs: null,
        deadline: e.data.deadline ?? null,
        late: false,
      });
    else if (e.type === 'task.updated') {
      const t = rows.get(e.data.taskId);
      if (!t) continue;
      if (e.data.deadline) t.deadline = e.data.deadline;
      if (e.data.status) t.status = e.data.status;
      if (e.data.status === 'done' && t.doneAt === null) {
        t.doneAt = e.at;
        t.durationMs = msBetween(t.createdAt, e.at);
      }
    }
  }
  const list = [...rows.values()];
  for (const t of list)
    t.late =
      t.status !== 'cancelled' &&
      t.deadline !== null &&
      Date.parse(t.doneAt ?? ctx.end) > Date.parse(t.deadline);
  return {
    rows: list,
    total: list.length,
    done: list.filter((t) => t.status === 'done').length,
    open: list.filter((t) => t.status === 'open' || t.status === 'in_progress').length,
    cancelled: list.filter((t) => t.status === 'cancelled').length,
    late: list.filter((t) => t.late).length,
  };
}
