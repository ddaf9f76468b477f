import { withAuthorizationHeader } from "./router-cache";
import type { ResolvedStage } from "./stage";

// One CloudFront distribution serves both the site (/*) and the API (/api/*, added by api.ts via
// `url.router`). A single origin keeps the SameSite=Strict session cookie working; with the site
// and the Function URL on different hosts the browser would never send it. The Router's
// viewer-request function sets x-forwarded-host, which the API's origin check accepts as its own
// origin. The Router caches only responses that ask for it (default TTL 0) and its cache key has
// no cookies, so per-user API responses must never send a shared max-age.
// Bearer-token API clients: Authorization is added to the cache key (router-cache.ts), as
// CloudFront forwards it only then. No Lambda URL protection (OAC) either: CloudFront would sign
// the origin request and overwrite the caller's Authorization header.
export function createRouter(stage: ResolvedStage) {
  const domain = stage.settings.domain;
  return new sst.aws.Router("Router", {
    ...(domain ? { domain } : {}),
    transform: {
      cachePolicy: (args) => {
        args.parametersInCacheKeyAndForwardedToOrigin = $util
          .output(args.parametersInCacheKeyAndForwardedToOrigin)
          .apply((parameters) => ({ ...parameters, headersConfig: withAuthorizationHeader(parameters.headersConfig) }));
      },
    },
  });
}

export function createSite(router: sst.aws.Router, api: sst.aws.Function) {
  return new sst.aws.StaticSite("Web", {
    // path "." (the repo root, where sst.config.ts is): the build runs from there,
    // and SST only writes Vite env typings when vite.config.* is in `path`, so web/ is left alone.
    path: ".",
    build: {
      command: "npx vite build --config web/vite.config.ts",
      output: "web/dist",
    },
    // The site calls same-origin /api; the absolute URL is provided for tooling/links.
    environment: { VITE_API_URL: api.url },
    dev: { command: "npx vite --config web/vite.config.ts" },
    router: { instance: router },
  });
}
