/** A resource the page would load from another origin, found by {@link findRemoteResources}. */
export interface RemoteResource {
  /** What would load it, e.g. `<link href>` or `css url()`. */
  loader: string;
  url: string;
}

const REMOTE_URL = String.raw`(?:https?:)?//[^"'\s>)]+`;

// Only what a browser fetches by itself counts: `<a href>` links to moengage.com are fine.
const PATTERNS: ReadonlyArray<{ loader: string; pattern: RegExp }> = [
  {
    loader: '<tag src/href>',
    pattern: new RegExp(
      String.raw`<(?:script|link|img|iframe|source|video|audio|embed|object|track|image|use)\b[^>]*?\s(?:src|href|xlink:href|data|poster|srcset)\s*=\s*["']?\s*(${REMOTE_URL})`,
      'gi',
    ),
  },
  { loader: 'css url()', pattern: new RegExp(String.raw`url\(\s*["']?\s*(${REMOTE_URL})`, 'gi') },
  { loader: 'css @import', pattern: new RegExp(String.raw`@import\s+(?:url\()?["']?(${REMOTE_URL})`, 'gi') },
  {
    loader: 'module import',
    pattern: new RegExp(String.raw`(?<!@)\bimport\s*(?:[^"'()]*?\sfrom\s*)?["'](${REMOTE_URL})`, 'g'),
  },
];

/**
 * Lists every resource a built HTML page would fetch from another origin (scripts, stylesheets,
 * web fonts, images, module imports). An offline site has none.
 */
export function findRemoteResources(html: string): RemoteResource[] {
  const found: RemoteResource[] = [];
  for (const { loader, pattern } of PATTERNS) {
    for (const match of html.matchAll(pattern)) {
      if (match[1] !== undefined) found.push({ loader, url: match[1] });
    }
  }
  return found;
}

/**
 * Redoc shows its "API docs by Redocly" logo by loading an image from cdn.redoc.ly after the
 * page starts; there is no option to turn that off, so the built page gets a local copy instead.
 */
const REDOC_REMOTE_LOGOS = [
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
  'https://cdn.redoc.ly/redoc/logo-mini.svg',
] as const;

/** Hosts whose name in the built page means it would load something from them at run time. */
export const FORBIDDEN_HOSTS = ['cdn.redoc.ly', 'fonts.googleapis.com', 'fonts.gstatic.com'] as const;

/** Replaces Redoc's remote attribution logo with an inline `data:` SVG, so the page loads it offline. */
export function inlineRedocLogo(html: string, logoSvg: string): string {
  const dataUri = `data:image/svg+xml,${encodeURIComponent(logoSvg.trim())}`;
  return REDOC_REMOTE_LOGOS.reduce((page, remote) => page.replaceAll(remote, dataUri), html);
}

/** Lists the forbidden hosts (CDNs, web fonts) that the built page still names. */
export function findForbiddenHosts(html: string): string[] {
  return FORBIDDEN_HOSTS.filter((host) => html.includes(host));
}
