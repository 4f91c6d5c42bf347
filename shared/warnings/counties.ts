/** SCB county codes (länskoder) and names, for showing a VMA's area by code (R133). */
export const COUNTY_NAME: ReadonlyMap<string, string> = new Map([
  ['00', 'Hela landet'],
  ['01', 'Stockholms län'],
  ['03', 'Uppsala län'],
  ['04', 'Södermanlands län'],
  ['05', 'Östergötlands län'],
  ['06', 'Jönköpings län'],
  ['07', 'Kronobergs län'],
  ['08', 'Kalmar län'],
  ['09', 'Gotlands län'],
  ['10', 'Blekinge län'],
  ['12', 'Skåne län'],
  ['13', 'Hallands län'],
  ['14', 'Västra Götalands län'],
  ['17', 'Värmlands län'],
  ['18', 'Örebro län'],
  ['19', 'Västmanlands län'],
  ['20', 'Dalarnas län'],
  ['21', 'Gävleborgs län'],
  ['22', 'Västernorrlands län'],
  ['23', 'Jämtlands län'],
  ['24', 'Västerbottens län'],
  ['25', 'Norrbottens län'],
]);

export const countyLabel = (code: string): string =>
  `${COUNTY_NAME.get(code) ?? 'Okänt län'} (${code})`;
