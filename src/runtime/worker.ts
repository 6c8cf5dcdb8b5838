import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts the reload worker. Built, it is `reload-worker.js` next to this file. Run from the TypeScript sources
 * (under ts-jest), Node cannot load `.ts` in a worker, so the worker first installs a small require hook that
 * transpiles each module with the TypeScript compiler (a development dependency, present wherever the sources run).
 */
export function startReloadWorker(): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `reload-worker${ext}`);
  if (ext !== '.ts') return new Worker(file);
  const typescript = require.resolve('typescript');
  const code = `
    const fs = require('node:fs');
    const ts = require(${JSON.stringify(typescript)});
    require.extensions['.ts'] = (module, filename) => {
      const source = fs.readFileSync(filename, 'utf8');
      const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
      module._compile(ts.transpileModule(source, { fileName: filename, compilerOptions: options }).outputText, filename);
    };
    require(${JSON.stringify(file)});
  `;
  return new Worker(code, { eval: true });
}
