// The tarball check of scripts/check-package.ts with this package's lists. Run after the build.
import { fileURLToPath } from 'node:url';
import { checkPackage } from '../../../scripts/check-package.ts';

checkPackage({
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  // The three entry points, what the `moengage-mock` bin runs, the licence.
  required: [
    'dist/index.js',
    'dist/node.js',
    'dist/browser.js',
    'dist/cli/main.js',
    'bin/moengage-mock.js',
    'LICENSE',
  ],
  forbidden: [/^src\//, /\.test(-d)?\.(js|d\.ts)$/, /test-support\//, /-contract\.(js|d\.ts)$/],
});
