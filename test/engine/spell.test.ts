import { createSpeller, editDistance } from '../../src/engine/spell';

describe('When a word has a typo', () => {
  const speller = createSpeller(new Map([['power', 1e6], ['odata', 1e6], ['single', 1e6], ['kafka', 1e6], ['reference', 1e6], ['powder', 3]]));

  it('corrects it to the known word within one or two edits, transpositions included', () => {
    expect(speller.correct('powr')).toBe('power');
    expect(speller.correct('odta')).toBe('odata');
    expect(speller.correct('singel')).toBe('single');
    expect(speller.correct('kafak')).toBe('kafka');
    expect(speller.correct('refrence')).toBe('reference');
  });

  it('leaves known words, short words and far-off words alone', () => {
    expect(speller.correct('powder')).toBe('powder');
    expect(speller.correct('bi')).toBe('bi');
    expect(speller.correct('weather')).toBe('weather');
  });

  it('measures Damerau distance and stops early past the bound', () => {
    expect(editDistance('odta', 'odata', 2)).toBe(1);
    expect(editDistance('ab', 'ba', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
