import { parseSnippet } from '../../src/engine/snippet';

/** The two sides of each row, which is what the parser promises (names are resolved later). */
const sides = (text: string) => parseSnippet(text).rows.map((r) => [r.useCase, r.method]);

describe('When a snippet is written as lines', () => {
  test.each([
    ['Reference data -> Events', 'arrow'],
    ['Reference data → Events', 'arrow'],
    ['Reference data => Events', 'arrow'],
    ['Reference data --> Events', 'arrow'],
    ['Reference data ➡️ Events', 'arrow'],
    ['Reference data :arrow_right: Events', 'arrow'],
    ['Reference data -&gt; Events', 'arrow'],
    ['Reference data: Events', 'colon'],
    ['Reference data – Events', 'dash'],
    ['Reference data - Events', 'dash'],
    ['Reference data via Events', 'words'],
    ['use Events for Reference data', 'words'],
  ])('"%s" reads as Reference data / Events (%s)', (line, form) => {
    const { rows } = parseSnippet(line);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ useCase: 'Reference data', method: 'Events', form, line: 1 });
  });

  test('bullets, numbers and quote marks are dropped and remembered as list items', () => {
    const { rows } = parseSnippet('• Update master data – UI integration\n- BI reporting - batch\n1. SSO: RPC\n2) IoT -> events\n&gt; CMS: UI');
    expect(rows.map((r) => [r.useCase, r.method, r.listItem])).toEqual([
      ['Update master data', 'UI integration', true],
      ['BI reporting', 'batch', true],
      ['SSO', 'RPC', true],
      ['IoT', 'events', true],
      ['CMS', 'UI', false],
    ]);
  });

  test('Slack formatting goes: bold, italics, emoji, links, mentions and entities', () => {
    const text = [
      '<@U0123ABCD> can you review this? :pray:',
      '*Reference data* -&gt; _Events_ :thinking_face:',
      '*SSO* -> <https://x.example/wiki/rpc|RPC/services>',
      'View &amp; search data -> `RPC`',
    ].join('\n');
    expect(sides(text)).toEqual([
      ['Reference data', 'Events'],
      ['SSO', 'RPC/services'],
      ['View & search data', 'RPC'],
    ]);
  });

  test('lines inside code blocks are read, fences and language tags are not', () => {
    const text = 'here is what we came up with:\n```text\nSSO            -> UI integration\nIoT -> Events/queues\n```\nthoughts?';
    expect(sides(text)).toEqual([
      ['SSO', 'UI integration'],
      ['IoT', 'Events/queues'],
    ]);
    expect(sides('```Reference data -> Events```')).toEqual([['Reference data', 'Events']]);
  });

  test('a line with nothing after the separator is a heading, not a row', () => {
    expect(sides('Our choices for the claims platform:\nOur plan -\nReference data -> Events')).toEqual([['Reference data', 'Events']]);
  });

  test('a colon in a URL or a time does not split a line', () => {
    expect(sides('see https://wiki.example/design at 10:30')).toEqual([]);
  });

  test('a row that ends in a question mark is flagged as a question', () => {
    expect(parseSnippet('Reference data: events or REST?').rows[0].question).toBe(true);
  });

  test('a list item with no separator is kept as prose for the reviewer to read', () => {
    const { rows } = parseSnippet('- ops dashboards get fed by events\n- ok');
    expect(rows).toEqual([expect.objectContaining({ form: 'prose', useCase: 'ops dashboards get fed by events' })]);
  });

  test('line numbers count the original lines', () => {
    expect(parseSnippet('intro\n\nSSO -> RPC').rows[0].line).toBe(3);
  });
});

describe('When a snippet is a table with a use case column and a method column', () => {
  test('each body row becomes a row', () => {
    const text = '| Use case | Method |\n| --- | --- |\n| SSO | RPC |\n| Reference data | Events |';
    expect(parseSnippet(text).rows.map((r) => [r.useCase, r.method, r.form])).toEqual([
      ['SSO', 'RPC', 'table'],
      ['Reference data', 'Events', 'table'],
    ]);
  });

  test('the columns are found by their headers, and remark columns are ignored', () => {
    const text = [
      '| # | Use case | Integration method | Owner | Notes |',
      '|---|----------|--------------------|-------|-------|',
      '| 1 | View & search data | RPC / Services | Team Orion | read-only, via SAP gateway |',
    ].join('\n');
    expect(sides(text)).toEqual([['View & search data', 'RPC / Services']]);
  });

  test('a header without a rule line under it is still a header when it names the columns', () => {
    expect(sides('Use case | Chosen approach\nReference data | SFTP file drop')).toEqual([['Reference data', 'SFTP file drop']]);
  });

  test('a table without any header reads the first column as the use case', () => {
    expect(sides('| SSO | RPC |\n| IoT | Events |')).toEqual([
      ['SSO', 'RPC'],
      ['IoT', 'Events'],
    ]);
  });

  test('tab-separated rows pasted from a spreadsheet are a table', () => {
    expect(sides('Use case\tMethod\nSSO\tRPC\nIoT\tEvents')).toEqual([
      ['SSO', 'RPC'],
      ['IoT', 'Events'],
    ]);
  });

  test('a lone "use case | method" line is a row', () => {
    expect(sides('Reference data | Events')).toEqual([['Reference data', 'Events']]);
  });

  test('rows with an empty cell are skipped with a note', () => {
    const parsed = parseSnippet('| Use case | Method |\n|---|---|\n| SSO | |\n| IoT | Events |');
    expect(parsed.rows.map((r) => r.useCase)).toEqual(['IoT']);
    expect(parsed.notes).toEqual(['Skipped 1 table row with an empty use case or method cell.']);
  });
});

describe('When a snippet is a matrix with marks in the method columns', () => {
  const header = '| Use case | UI | RPC | Events | Batch | Central |\n|---|---|---|---|---|---|\n';

  test.each([
    ['x'],
    ['X'],
    ['✓'],
    ['✔'],
    ['✅'],
    [':white_check_mark:'],
    [':heavy_check_mark:'],
    ['yes'],
    ['y'],
    ['preferred'],
    ['![](attachments/mendix-integration/green.png)'],
    ['![](attachments/mendix-integration/grey.png)'],
    ['&#9989;'],
  ])('a cell marked %s is a row', (mark) => {
    expect(sides(`${header}| IoT | | | ${mark} | | |`)).toEqual([['IoT', 'Events']]);
  });

  test('each marked cell is one row; empty, "no" and "-" cells are not', () => {
    const text = `${header}| Update master data | x | x | | | |\n| CMS | yes | no | - | n/a | |`;
    expect(parseSnippet(text).rows.map((r) => [r.useCase, r.method, r.form])).toEqual([
      ['Update master data', 'UI', 'matrix'],
      ['Update master data', 'RPC', 'matrix'],
      ['CMS', 'UI', 'matrix'],
    ]);
  });

  test('the bot’s own matrix pasted back keeps the levels it shows', () => {
    const text = [
      'Use case | UI integration | RPC / services | Events / queues | Export, import & batch | Central data',
      'Import & Distribute Reference Data |  | ✅ preferred | possible | ✅ preferred | possible',
    ].join('\n');
    expect(parseSnippet(text).rows.map((r) => [r.method, r.marked])).toEqual([
      ['RPC / services', 'preferred'],
      ['Events / queues', 'possible'],
      ['Export, import & batch', 'preferred'],
      ['Central data', 'possible'],
    ]);
  });

  test('a word in a marked matrix marks the cell, except under a notes column', () => {
    const text = '| Use case | RPC | Events | Notes |\n|---|---|---|---|\n| IoT | x | Kafka | check with ops |';
    expect(sides(text)).toEqual([
      ['IoT', 'RPC'],
      ['IoT', 'Events'],
    ]);
  });
});

describe('When the input is too large or not text', () => {
  test('rows past the cap are counted, not kept', () => {
    const parsed = parseSnippet('SSO -> RPC\n'.repeat(10_000));
    expect(parsed.rows).toHaveLength(50);
    expect(parsed.found).toBe(10_000);
    expect(parsed.notes).toContain('Found 10,000 rows; only the first 50 were read.');
  });

  test('only the first characters are read, and a note says so', () => {
    const parsed = parseSnippet('SSO -> RPC\n'.repeat(30), { maxChars: 100 });
    expect(parsed.found).toBe(9);
    expect(parsed.notes[0]).toBe('Read only the first 100 characters of 330.');
  });

  test('a very long line is skipped with a note', () => {
    const parsed = parseSnippet(`SSO -> RPC\n${'a'.repeat(5_000)} -> b\nIoT -> events`);
    expect(parsed.rows.map((r) => r.useCase)).toEqual(['SSO', 'IoT']);
    expect(parsed.notes).toEqual(['Skipped 1 line longer than 1,000 characters (line 2).']);
  });

  test('a 1 MB line is cut to the read limit and then skipped', () => {
    const parsed = parseSnippet(`SSO -> RPC\n${'x -> '.repeat(200_000)}`);
    expect(parsed.rows.map((r) => r.useCase)).toEqual(['SSO']);
    expect(parsed.notes).toEqual([
      'Read only the first 200,000 characters of 1,000,011.',
      'Skipped 1 line longer than 1,000 characters (line 2).',
    ]);
  });

  test('binary noise gives no rows and says it is not text', () => {
    const noise = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256));
    const parsed = parseSnippet(noise);
    expect(parsed.rows).toEqual([]);
    expect(parsed.notes[0]).toMatch(/binary data, not text/);
  });

  test('echoed input is cut to a readable length', () => {
    const row = parseSnippet(`${'Reference data '.repeat(30)}-> Events`).rows[0];
    expect(row.input.length).toBeLessThanOrEqual(160);
    expect(row.input.endsWith('…')).toBe(true);
  });
});
