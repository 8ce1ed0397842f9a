// The tarball check of scripts/check-package.ts with this package's lists. Run after the build.
import { fileURLToPath } from 'node:url';
import { checkPackage } from '../../../scripts/check-package.ts';

checkPackage({
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  // The entry point, the lazily loaded validators chunk, the licence and the ingestor guide the README links.
  required: ['dist/index.js', 'dist/validators.js', 'LICENSE', 'docs/ingestor.md'],
  forbidden: [/^src\//, /\.test(-d)?\.(js|d\.ts)$/, /testing\//],
});
