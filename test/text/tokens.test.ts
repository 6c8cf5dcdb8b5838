import { stem, terms, words } from '../../src/text/tokens';

describe('When a question gives numbers', () => {
  it('keeps a number with its separators and unit as one word, so the answer can quote it as typed', () => {
    expect(words('peak around 3,000 changes/sec, 1.5k msgs or 2M parcels/day')).toEqual(['peak', 'around', '3,000', 'changes', 'sec', '1.5k', 'msgs', 'or', '2m', 'parcels', 'day']);
  });

  it.each([
    ['5k', '1000'],
    ['8,000', '1000'],
    ['1.5k', '1000'],
    ['20000', '1000'],
    ['2m', '1000000'],
    ['3bn', '1000000'],
    ['300', '100'],
    ['15', '10'],
    ['7', '1'],
    ['2.0', '1'],
  ])('stems "%s" to its magnitude %s, the way rules are stemmed', (typed, magnitude) => {
    expect(stem(typed)).toBe(magnitude);
  });

  it('leaves words that only contain digits alone', () => {
    expect(terms('v2 s3 as400 127.0.0.1 oauth2')).toEqual(['v2', 's3', 'as400', '127.0.0.1', 'oauth2']);
  });

  it('matches a rule written with one number against any number of the same magnitude', () => {
    expect(terms('8k/sec')).toEqual(terms('1000 sec'));
    expect(terms('every 2 seconds')).toEqual(terms('every 5 seconds'));
    expect(terms('12 apps')).toEqual(terms('10 apps'));
    expect(terms('every 30 seconds')).not.toEqual(terms('every 5 seconds'));
  });
});

describe('When a question holds words that are also names of object properties', () => {
  it.each(['constructor', 'hasownproperty', 'tostring', 'valueof', '5constructor'])('stems "%s" to a string', (word) => {
    expect(typeof stem(word)).toBe('string');
  });
});

describe('When a question is typed in shorthand', () => {
  it.each([
    ['svc', 'service'],
    ['svcs', 'services'],
    ['msgs', 'messages'],
    ['db', 'database'],
    ['certs', 'certificates'],
    ['mgmt', 'management'],
    ['sec', 'second'],
  ])('reads "%s" as "%s", so rules written in full words meet it', (short, full) => {
    expect(stem(short)).toBe(stem(full));
  });

  it('leaves shorthand with two readings alone: "hr" apps are not hours, purchase "reqs" are not requests', () => {
    expect(stem('hr')).not.toBe(stem('hour'));
    expect(stem('reqs')).not.toBe(stem('requests'));
  });

  it('reads a rate in shorthand like the rate written out', () => {
    expect(terms('8000 msgs/sec')).toEqual(terms('8000 messages per second').filter((t) => t !== 'per'));
  });
});

describe('When a number is written in words', () => {
  it.each([
    ['hundred', '400'],
    ['thousand', '2000'],
    ['forty', '40'],
    ['millions', '5000000'],
    ['seven', '7'],
  ])('reads "%s" with the magnitude of %s', (spelled, digits) => {
    expect(stem(spelled)).toBe(stem(digits));
  });

  it('meets a rule written with digits: "a couple of thousand a day" holds the thousands of "1000 a day"', () => {
    expect(terms('a couple of thousand a day').join(' ')).toContain(terms('1000 a day').join(' '));
  });
});
