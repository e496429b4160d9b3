#!/usr/bin/env node
// The `kanaria` command: runs the compiled CLI (built by `npm install` / `npm run build`).
import('../dist/cli/main.js').then((cli) => cli.main(process.argv.slice(2))).catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli')) {
    console.error('kanaria: dist/ is missing; run `npm install` (or `npm run build`) first');
  } else {
    console.error(err);
  }
  process.exit(1);
});
