/** The demo's people: an account for every role, and the actor each one's history is written as. */
import type { Actor } from '../shared/domain/actor';
import type { Role } from '../shared/domain/vocabulary';
import { DEMO_BOARD_USERS } from './demoBoard';

/** The password of every demo account (README). */
export const DEMO_PASSWORD = 'krisledning';

export interface DemoUser {
  userId: string;
  name: string;
  role: Role;
  districtId?: string;
  unitId?: string;
}

export function demoUsers(districts: { id: string; name: string }[]): DemoUser[] {
  return [
    { userId: 'ordf', name: 'Karin Ekholm', role: 'chair' },
    ...DEMO_BOARD_USERS,
    { userId: 'stadsdir', name: 'Maria Lindqvist', role: 'director' },
    { userId: 'tjg.stadsdir', name: 'Per Sandberg', role: 'observer' },
    { userId: 'sakchef', name: 'Anders Holm', role: 'security_chief' },
    { userId: 'stabschef', name: 'Lena Nyström', role: 'ckl_lead' },
    { userId: 'samverkan', name: 'Ali Hassan', role: 'ckl_liaison' },
    { userId: 'analys', name: 'Sofia Wikström', role: 'ckl_analysis' },
    { userId: 'info', name: 'Erik Dahl', role: 'ckl_information' },
    { userId: 'admin.ckl', name: 'Hanna Ek', role: 'ckl_admin' },
    { userId: 'presidium', name: 'Gustav Öberg', role: 'observer' },
    { userId: 'admin', name: 'Systemadministratör', role: 'admin' },
    {
      userId: 'sakord.trafik',
      name: 'Fatima Karimi',
      role: 'unit_officer',
      unitId: 'trafikkontoret',
    },
    {
      userId: 'sakord.vatten',
      name: 'Olof Strand',
      role: 'unit_officer',
      unitId: 'stockholm-vatten',
    },
    ...districts.map((d) => ({
      userId: `tib.${d.id}`,
      name: `TiB ${d.name}`,
      role: 'district_officer' as const,
      districtId: d.id,
    })),
  ];
}

export const asActor = (u: DemoUser): Actor => ({
  userId: u.userId,
  name: u.name,
  role: u.role,
  districtId: u.districtId,
  unitId: u.unitId,
});
