/**
 * The one password rule, for the server that enforces it and the form that explains it
 * (R113; docs/security.md). Length over composition (NIST SP 800-63B): a long phrase is easy
 * to remember and hard to guess; mixing symbols into a short word is neither.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** At least this many different characters, so "aaaaaaaaaaaa" or "121212121212" is refused. */
export const PASSWORD_MIN_DISTINCT = 5;

/** The rule in one sentence, shown beside the field. */
export const PASSWORD_RULE_TEXT =
  `Minst ${PASSWORD_MIN_LENGTH} tecken, gärna flera ord. Det får inte innehålla ditt ` +
  'användarnamn, inte vara ett vanligt lösenord och inte bestå av några få tecken upprepade.';

/** Words every guesser tries first, in lower case with spaces removed. */
const COMMON = [
  'lösenord',
  'losenord',
  'password',
  'krisledning',
  'stockholm',
  'qwerty',
  'sommar',
  'vinter',
  'hemligt',
  'lagesbild',
  'lägesbild',
  '123456',
  'abc123',
  'admin',
  'welcome',
  'välkommen',
];

/** Why a password may not be used, in Swedish; null when it may. */
export function passwordProblem(password: string, userId: string): string | null {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH)
    return `Lösenordet måste ha minst ${PASSWORD_MIN_LENGTH} tecken.`;
  if (chars.length > PASSWORD_MAX_LENGTH)
    return `Lösenordet får ha högst ${PASSWORD_MAX_LENGTH} tecken.`;
  if (new Set(chars).size < PASSWORD_MIN_DISTINCT)
    return 'Lösenordet består av för få olika tecken.';
  const folded = password.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  const name = userId.normalize('NFKC').toLowerCase();
  if (name.length >= 3 && folded.includes(name))
    return 'Lösenordet får inte innehålla ditt användarnamn.';
  // A common word with only digits or punctuation around it is still that word.
  const core = folded.replace(/^[\p{N}\p{P}\p{S}]+|[\p{N}\p{P}\p{S}]+$/gu, '');
  if (COMMON.some((w) => core === w || core === w + w) || /^\d+$/.test(folded))
    return 'Lösenordet är för vanligt. Välj något som är svårare att gissa, gärna flera ord.';
  return null;
}
