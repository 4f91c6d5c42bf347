/**
 * City units (facknämnder and bolag) that have a säkerhetssamordnare. The list is data: an
 * installation may extend it. Ids are stable slugs; names are the units' own.
 */
export interface CityUnit {
  id: string;
  name: string;
  kind: 'board' | 'company';
}

export const CITY_UNITS: readonly CityUnit[] = [
  { id: 'socialforvaltningen', name: 'Socialnämnden', kind: 'board' },
  { id: 'utbildningsforvaltningen', name: 'Utbildningsnämnden', kind: 'board' },
  { id: 'aldreforvaltningen', name: 'Äldrenämnden', kind: 'board' },
  { id: 'trafikkontoret', name: 'Trafiknämnden', kind: 'board' },
  { id: 'miljoforvaltningen', name: 'Miljö- och hälsoskyddsnämnden', kind: 'board' },
  { id: 'fastighetskontoret', name: 'Fastighetsnämnden', kind: 'board' },
  { id: 'stockholm-vatten', name: 'Stockholm Vatten och Avfall AB', kind: 'company' },
  { id: 'stockholmshem', name: 'AB Stockholmshem', kind: 'company' },
  { id: 'stokab', name: 'AB Stokab', kind: 'company' },
];

export const unitById = (id: string): CityUnit | undefined => CITY_UNITS.find((u) => u.id === id);
