/**
 * The demo workspace's credentials, in a module with no Node imports so the package root (`.`, which
 * runs in browsers) can export them as well as `./node`: one object, both entry points.
 */

/**
 * The workspace the CLI creates when neither flags nor the config file name one. Fixed, so docs,
 * scripts and a page served by the emulator (the playground) can use it.
 */
export const DEMO_WORKSPACE = { workspaceId: 'DEMO', apiKey: 'demo-api-key' } as const;
