// Serving the built API reference: standalone (`serveDocs`) or inside another node:http server
// such as the mock's, mounted at a path (`createStaticHandler({ root: docsDistDir, basePath: '/docs' })`).

export { docsDistDir, type RunningDocsServer, type ServeDocsOptions, serveDocs } from './serve-docs.ts';
export {
  createStaticHandler,
  OFFLINE_CONTENT_SECURITY_POLICY,
  OFFLINE_CONTENT_SECURITY_POLICY_META,
  type StaticHandler,
  type StaticHandlerOptions,
} from './static-handler.ts';
