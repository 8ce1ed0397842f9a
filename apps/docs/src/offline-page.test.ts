import { describe, expect, it } from 'vitest';
import { findForbiddenHosts, findRemoteResources, inlineRedocLogo } from './offline-page.ts';

describe('findRemoteResources', () => {
  it('finds scripts, stylesheets, fonts, images and module imports from other origins', () => {
    const html = [
      '<script src="https://cdn.redocly.com/redoc/v3/redoc.standalone.js"></script>',
      '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">',
      '<img alt="" src="http://example.com/logo.png">',
      '<style>@font-face { src: url("https://fonts.gstatic.com/roboto.woff2") } @import "https://x.test/a.css";</style>',
      '<script type="module">import { hydrate } from "https://cdn.redocly.com/redoc.js";</script>',
    ].join('\n');
    expect(findRemoteResources(html).map(({ loader, url }) => `${loader} ${url}`)).toEqual([
      '<tag src/href> https://cdn.redocly.com/redoc/v3/redoc.standalone.js',
      '<tag src/href> //fonts.googleapis.com/css?family=Roboto',
      '<tag src/href> http://example.com/logo.png',
      'css url() https://fonts.gstatic.com/roboto.woff2',
      'css @import https://x.test/a.css',
      'module import https://cdn.redocly.com/redoc.js',
    ]);
  });

  it('ignores links a reader may follow and resources of the page itself', () => {
    const html =
      '<a href="https://www.moengage.com/docs">docs</a><a href="./openapi.json" download>json</a>' +
      '<link rel="icon" href="data:,"><img src="data:image/svg+xml,%3Csvg%3E"><script src="./app.js"></script>';
    expect(findRemoteResources(html)).toEqual([]);
  });
});

describe('inlineRedocLogo', () => {
  it("replaces Redoc's logo from cdn.redoc.ly with an inline SVG, leaving no forbidden host", () => {
    const html =
      'src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`';
    expect(findForbiddenHosts(html)).toEqual(['cdn.redoc.ly']);
    const inlined = inlineRedocLogo(
      html,
      '<svg xmlns="http://www.w3.org/2000/svg"><text>Redocly</text></svg>\n',
    );
    expect(inlined).toBe(
      'src:e?`data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%3E%3Ctext%3ERedocly%3C%2Ftext%3E%3C%2Fsvg%3E`' +
        ':`data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%3E%3Ctext%3ERedocly%3C%2Ftext%3E%3C%2Fsvg%3E`',
    );
    expect(findForbiddenHosts(inlined)).toEqual([]);
  });
});
