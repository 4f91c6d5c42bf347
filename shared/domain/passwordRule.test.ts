import { PASSWORD_MIN_LENGTH, passwordProblem } from './passwordRule';

test('R113 the password rule: long enough, varied, not the user name, not a common word', () => {
  expect(passwordProblem('regn över slussen i natt', 'analys')).toBeNull();
  expect(passwordProblem('x'.repeat(PASSWORD_MIN_LENGTH - 1), 'analys')).toMatch(/minst 12/);
  expect(passwordProblem('a'.repeat(201), 'analys')).toMatch(/högst 200/);
  expect(passwordProblem('abababababababab', 'analys')).toMatch(/för få olika/);
  expect(passwordProblem('Mitt-ANALYS-konto-2024', 'analys')).toMatch(/användarnamn/);
  expect(passwordProblem('ＡＮＡＬＹＳ-och-mer-ord', 'analys')).toMatch(/användarnamn/);
  for (const common of ['Lösenord2024!!', '!!krisledning99', 'Password1234', '123456789012345'])
    expect([common, passwordProblem(common, 'ordf')]).toEqual([
      common,
      expect.stringMatching(/för vanligt/),
    ]);
  // Characters are counted, not UTF-16 units: twelve Swedish letters are twelve.
  expect(passwordProblem('åäöåäöåäöxyz', 'ordf')).toBeNull();
});
