import type { Corpus, LoadIssue, Page } from './types';

/**
 * Lints a loaded corpus beyond what loading already reports: internal links that lead nowhere, anchors that
 * do not exist, matrix cells that are not marks, entities without sources, and gaps in the matrix.
 * Pure: works on the corpus only. Issues are sorted by file and line.
 */
export function lintCorpus(corpus: Corpus, baseUrl: string): LoadIssue[] {
  const issues: LoadIssue[] = [...corpus.issues];
  const pathOf = (url: string) => normalisePath(url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url.replace(/^https?:\/\/[^/]+/, ''));

  // Every way a page can be reached: its URL, its aliases, and its file path (for page-relative links).
  const byPath = new Map<string, Page>();
  for (const page of corpus.pages) {
    byPath.set(pathOf(page.url), page);
    for (const alias of page.aliases) byPath.set(normalisePath(alias), page);
    byPath.set(normalisePath('/' + page.id), page);
    byPath.set(normalisePath('/' + page.id.replace(/(^|\/)_?index$/, '')), page);
  }
  const anchors = new Map<Page, Set<string>>(corpus.pages.map((p) => [p, new Set(p.sections.map((s) => s.anchor))]));
  // A folder whose pages have site URLs of their own (Hugo `url` front matter) is usually part of a larger
  // documentation tree: its absolute links to pages it does not hold point outside it, which is not a fault.
  const idPath = (page: Page) => normalisePath('/' + page.id.replace(/(^|\/)_?index$/, ''));
  const siteTree = corpus.pages.some((p) => pathOf(p.url) !== idPath(p) && pathOf(p.url) !== normalisePath('/' + p.id));
  const outside: string[] = [];
  // Every folder that holds a page: a relative link into a folder that holds none points at a part of the tree
  // that is not here.
  const folders = new Set<string>();
  for (const page of corpus.pages) {
    const parts = ('/' + page.id).split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/') + '/');
  }

  for (const page of corpus.pages) {
    for (const link of page.links) {
      const [rawPath, anchor] = link.target.split('#');
      let target: Page | undefined;
      if (rawPath === '') target = page;
      else if (rawPath.startsWith('/')) target = byPath.get(normalisePath(rawPath));
      else {
        // Relative links: against the page's URL (Hugo) and against its file (plain markdown folders).
        const fromUrl = normalisePath(resolveRelative(pathOf(page.url), rawPath));
        const fromFile = normalisePath(resolveRelative('/' + page.id, rawPath.replace(/\.md$/i, '')));
        const fromParent = normalisePath(resolveRelative(pathOf(page.url).replace(/[^/]+\/?$/, ''), rawPath));
        target = byPath.get(fromUrl) ?? byPath.get(fromFile) ?? byPath.get(fromParent);
      }
      const leavesFolder = (siteTree && rawPath.startsWith('/')) || climbsOut(page.id, rawPath) || (!rawPath.startsWith('/') && !folders.has(parentOf(resolveRelative('/' + page.id, rawPath))));
      if (!target && leavesFolder) {
        outside.push(link.target);
      } else if (!target) {
        issues.push({ severity: 'error', file: page.file, line: link.line, message: `link to ${link.target} leads nowhere in this knowledge folder` });
      } else if (anchor && !anchors.get(target)!.has(anchor)) {
        issues.push({ severity: 'error', file: page.file, line: link.line, message: `link to ${link.target}: ${target.id} has no anchor #${anchor}` });
      }
    }
    for (const matrix of page.matrices) {
      for (const mark of matrix.unknownMarks) {
        issues.push({ severity: 'error', file: page.file, line: mark.line, message: `matrix cell "${mark.text}" (${mark.row} × ${mark.column}) is not a mark; use ✅ preferred, possible, or leave it empty` });
      }
    }
    if (page.entity && page.sources.length === 0) {
      issues.push({ severity: 'warning', file: page.file, line: 1, message: `${page.entity.kind} "${page.entity.id}" names no sources; answers will link to the page itself` });
    }
  }

  if (corpus.matrix) {
    const useCases = corpus.entities.filter((e) => e.kind === 'useCase').map((e) => e.id);
    const missing = useCases.filter((id) => !corpus.matrix!.useCases.includes(id));
    if (missing.length > 0) {
      issues.push({ severity: 'warning', file: corpus.matrix.source.url, message: `the matrix has no row for ${missing.join(', ')}` });
    }
  } else if (corpus.entities.some((e) => e.kind === 'useCase')) {
    issues.push({ severity: 'error', file: corpus.pages[0]?.file ?? '', message: 'use cases are defined but no table of marks resolves to a use case × method matrix' });
  }
  if (outside.length > 0) {
    const examples = [...new Set(outside)].slice(0, 3).join(', ');
    issues.push({
      severity: 'warning',
      file: commonFolder(corpus.pages.map((p) => p.file)),
      message: `${outside.length} link(s) point to pages outside this folder (${examples}${outside.length > 3 ? ', …' : ''}); fine when the folder is part of a larger documentation tree`,
    });
  }
  return issues.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

function normalisePath(path: string): string {
  const clean = path.split(/[?#]/)[0].replace(/\/index(\.html)?$/, '/').replace(/\.md$/i, '');
  return ('/' + clean.split('/').filter(Boolean).join('/') + '/').replace(/\/+/g, '/').toLowerCase();
}

/** True when a relative link climbs above the folder the page's id is relative to ("../../other-tree/page"). */
function climbsOut(pageId: string, relative: string): boolean {
  if (relative.startsWith('/')) return false;
  let depth = pageId.split('/').length - 1;
  for (const segment of relative.split('/')) {
    if (segment === '..') depth -= 1;
    else if (segment !== '.' && segment !== '') break;
    if (depth < 0) return true;
  }
  return false;
}

/** The folder of a path: "/a/b/c" -> "/a/b/". */
function parentOf(target: string): string {
  return target.replace(/[^/]*$/, '') || '/';
}

/** The folder all files share ('' when none). */
function commonFolder(files: string[]): string {
  if (files.length === 0) return '';
  let prefix = files[0].split('/').slice(0, -1);
  for (const file of files) {
    const parts = file.split('/');
    let i = 0;
    while (i < prefix.length && parts[i] === prefix[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix.join('/') || '/';
}

function resolveRelative(from: string, relative: string): string {
  const parts = from.split('/').filter(Boolean);
  for (const segment of relative.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return '/' + parts.join('/');
}
