import { isValidBusinessId, isValidHetu } from '../../infra/identifiers';

describe('[#2] Finnish identity codes (henkilötunnus)', () => {
  it.each([
    '010180-9026', '080297-915A', '120508A950F', '100871-998D', '010403A998U', '131052-308T',
    '010594Y9032', '020594X903P', '030594W903B', '040594V9030', '050594U903M',
    '010516B903X', '020516C903K', '030516D9037', '010501E9032', '020503F9037',
    '010280-952L', '010469-999W', '010675-9981',
  ])('accepts the valid test identity code %s', (hetu) => {
    expect(isValidHetu(hetu)).toBe(true);
  });

  it('accepts a person born in the 1800s (century sign +)', () => {
    expect(isValidHetu('010180+9026')).toBe(true);
  });

  it('keeps the century sign distinct: a new sign with the wrong check character is refused like any other', () => {
    expect(isValidHetu('010594Y9032')).toBe(true);
    expect(isValidHetu('010594Y9033')).toBe(false);
  });

  it('refuses a code whose check character is wrong, like the illustration 010190-999K', () => {
    expect(isValidHetu('010190-999K')).toBe(false);
    expect(isValidHetu('010190-999W')).toBe(true);
  });

  it.each([
    ['30 February, a date that does not exist', '300280-952A'],
    ['29 February in a year that is not a leap year', '290201A902N'],
    ['a lower-case check character', '080297-915a'],
    ['an unknown century sign', '010180G9026'],
    ['a missing character', '010180-902'],
    ['surrounding spaces', ' 010180-9026'],
    ['an individual number that is never issued', '010180-0014'],
  ])('refuses %s (%s)', (_why, hetu) => {
    expect(isValidHetu(hetu)).toBe(false);
  });
});

describe('[#2] Finnish business ids (Y-tunnus)', () => {
  it.each(['7019376-8', '2305162-8', '7769480-5', '0245437-2'])('accepts the valid business id %s', (id) => {
    expect(isValidBusinessId(id)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '7019376-7'],
    ['no hyphen', '70193768'],
    ['too few digits', '019376-8'],
    ['letters', '701937A-8'],
  ])('refuses %s (%s)', (_why, id) => {
    expect(isValidBusinessId(id)).toBe(false);
  });

  it('refuses an id whose weighted sum leaves remainder 1, whatever its check digit, as none is ever issued', () => {
    // 0000006: 6 × 2 = 12, 12 mod 11 = 1.
    for (let check = 0; check <= 9; check++) expect(isValidBusinessId(`0000006-${check}`)).toBe(false);
  });
});
