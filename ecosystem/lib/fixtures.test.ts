import { describe, expect, it } from 'vitest';
import { pointAtTarballs } from './fixtures.ts';
import type { Tarball } from './tarballs.ts';

const tarball = (name: Tarball['name'], file: string): Tarball => ({
  name,
  file,
  bytes: 1,
  sha256: 'x',
  fileCount: 1,
});
const tarballs = [
  tarball('@moedata/spec', '/cache/moedata-spec-1.0.0.tgz'),
  tarball('@moedata/client', '/cache/moedata-client-1.0.0.tgz'),
  tarball('@moedata/mock', '/cache/moedata-mock-1.0.0.tgz'),
];

describe('pointAtTarballs', () => {
  it('points each @moedata dependency at its tarball and leaves the others alone', () => {
    const manifest = pointAtTarballs(
      {
        name: 'app',
        dependencies: { '@moedata/client': '*', zod: '4.0.0' },
        devDependencies: { '@moedata/mock': '*', vitest: '5.1.2' },
      },
      tarballs,
    );

    expect(manifest.dependencies).toEqual({
      '@moedata/client': 'file:/cache/moedata-client-1.0.0.tgz',
      zod: '4.0.0',
    });
    expect(manifest.devDependencies).toEqual({
      '@moedata/mock': 'file:/cache/moedata-mock-1.0.0.tgz',
      vitest: '5.1.2',
    });
    expect(manifest.name).toBe('app');
  });

  it('overrides every published package, so a dependency of the client on the spec resolves to the packed spec', () => {
    const manifest = pointAtTarballs({ dependencies: { '@moedata/client': '*' } }, tarballs);

    expect(manifest.overrides).toEqual({
      '@moedata/spec': 'file:/cache/moedata-spec-1.0.0.tgz',
      '@moedata/client': 'file:/cache/moedata-client-1.0.0.tgz',
      '@moedata/mock': 'file:/cache/moedata-mock-1.0.0.tgz',
    });
  });

  it('refuses a @moedata package this repo does not publish', () => {
    expect(() => pointAtTarballs({ dependencies: { '@moedata/typo': '*' } }, tarballs)).toThrow(
      '@moedata/typo is not a published package of this repo',
    );
  });
});
