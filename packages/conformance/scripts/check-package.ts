// The tarball check of scripts/check-package.ts with this package's lists. Run after the build.
import { fileURLToPath } from 'node:url';
import { checkPackage } from '../../../scripts/check-package.ts';

checkPackage({
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  // The entry point, what the `moengage-conformance` bin runs, the licence and the README it documents.
  required: ['dist/index.js', 'dist/cli.js', 'bin/moengage-conformance.js', 'LICENSE', 'README.md'],
  forbidden: [/^src\//, /\.test(-d)?\.(js|d\.ts)$/, /testing\//],
});
