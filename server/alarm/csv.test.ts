import { emptyState } from '../../shared/domain/state';
import { exportContactsCsv, importContactsCsv, parseCsv } from './csv';
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

test('R85 contacts round-trip through a spreadsheet: formula cells neutralised, Swedish numbers kept', () => {
  const s = emptyState('real');
  const people: [string, string, string | undefined, string | undefined][] = [
    ['k1', 'Stadshuset växel', '+46 8 508 000 00', undefined],
    ['k2', 'Anna Alm', '070-123 45 67', 'anna.alm@stockholm.se'],
    ['k3', '=HYPERLINK("http://evil.example";"Klicka")', '+46 70 987 65 43', undefined],
    ['k4', '@SUMMA(A1)', '+46 73-555 12 34', undefined],
    ['k5', "-Bo 'Bosse' Ek", '08-508 290 00', undefined],
    ['k6', "'=redan citerad", undefined, 'c@stockholm.se'],
  ];
  const phoneOf = (p: string) => p.replace(/[\s-]/g, '');
  const state = {
    ...s,
    alarm: {
      ...s.alarm,
      contacts: tableFromEntries(
        people.map(([id, name]) => [id, { id, name, available: true, updatedAt: '' }]),
      ),
      contactDetails: tableFromEntries(
        people.map(([id, , phone, email]) => [
          id,
          { phone: phone ? phoneOf(phone) : undefined, email },
        ]),
      ),
    },
  };
  const out = exportContactsCsv(state);
  // No cell of the file would run as a formula in a spreadsheet.
  const cells = parseCsv(out).flatMap((r) => r.cells);
  expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  expect(out).toContain(";'+46850800000;");
  expect(out).toContain(`"'=HYPERLINK(""http://evil.example"";""Klicka"")"`);

  // Edited in a spreadsheet: one number changed (guard kept), one row added as a person types it.
  const edited =
    out.replace("'+46709876543", "'+46 70 987 65 99").replace(/\r\n$/, '') +
    '\r\nk7;Cecilia Berg;+46 70 111 22 33;;;;;;;ja\r\n';
  const back = importContactsCsv(edited, state);
  expect(back.rejected).toEqual([]);
  const byId = new Map(back.rows.map((r) => [r.contactId, r]));
  for (const [id, name, phone, email] of people) {
    expect(byId.get(id)).toMatchObject({ name, email });
    if (id !== 'k3') expect(byId.get(id)?.phone).toBe(phone ? phoneOf(phone) : undefined);
  }
  expect(byId.get('k1')?.phone).toBe('+46850800000');
  expect(byId.get('k2')?.phone).toBe('0701234567');
  expect(byId.get('k3')?.phone).toBe('+46709876599');
  expect(byId.get('k7')).toMatchObject({ name: 'Cecilia Berg', phone: '+46701112233' });
});
