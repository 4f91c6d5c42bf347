import { emptyState } from '../../shared/domain/state';
import { exportContactsCsv, importContactsCsv } from './csv';
import { tableFromEntries } from '../../shared/domain/table';

test('R56 CSV import reports each rejected row with its line and a Swedish reason', () => {
  const s = {
    ...emptyState('real'),
    districts: { farsta: { districtId: 'farsta', name: 'Farsta', reportIds: [] } },
  };
  const csv = [
    'id;namn;telefon;epost;stadsdelsomrade;tillganglig',
    'a1;Anna Alm;070-100 00 01;anna@example.se;farsta;ja',
    'a2;;0701000002;;;ja',
    'a3;Bo;12;;;ja',
    'a1;Dubblett;0701000003;;;ja',
    'a4;"Ek, Cecilia";;cecilia@example.se;mars;ja',
    'a5;David;;;;ja',
    'a6;Eva;0701000006;;;kanske',
  ].join('\n');
  const r = importContactsCsv(csv, s);
  expect(r.rows.map((x) => x.contactId)).toEqual(['a1']);
  expect(r.rows[0].phone).toBe('0701000001');
  expect(r.rejected.map((x) => x.line)).toEqual([3, 4, 5, 6, 7, 8]);
  expect(r.rejected[1].reason).toContain('Telefon');
  expect(r.rejected[2].reason).toContain('rad 2');
  expect(r.rejected[3].reason).toContain('Okänt stadsdelsområde');
  expect(r.rejected[4].reason).toContain('kan inte nås');
});

test('R56 export writes back what import reads', () => {
  const s = emptyState('real');
  const withContact = {
    ...s,
    alarm: {
      ...s.alarm,
      contacts: tableFromEntries([
        ['x', { id: 'x', name: 'Ek; "Cissi"', available: true, updatedAt: '' }],
      ]),
      contactDetails: tableFromEntries([['x', { phone: '+46701000001' }]]),
    },
  };
  const out = exportContactsCsv(withContact);
  const back = importContactsCsv(out, withContact);
  expect(back.rejected).toEqual([]);
  expect(back.rows[0]).toMatchObject({
    contactId: 'x',
    name: 'Ek; "Cissi"',
    phone: '+46701000001',
  });
});
