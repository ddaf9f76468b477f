// CloudFront removes the viewer's Authorization header from origin requests unless it is part of
// the cache key, and refuses it in an origin request policy (SST's Router uses the managed
// AllViewerExceptHostHeader one); see
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/http-401-unauthorized.html.
// Without it bearer-token API clients get 401 through the Router. Putting it in the key also
// keeps one caller's cached response from ever being served to another. Pure (router-cache.test.ts).

export interface CacheKeyHeaders {
  headerBehavior?: string;
  headers?: { items?: string[] };
}

/** The cache policy's header settings with Authorization whitelisted (idempotent). */
export function withAuthorizationHeader<T extends CacheKeyHeaders>(headersConfig: T): T {
  const items = headersConfig.headerBehavior === "whitelist" ? [...(headersConfig.headers?.items ?? [])] : [];
  if (!items.some((h) => h.toLowerCase() === "authorization")) items.push("Authorization");
  return { ...headersConfig, headerBehavior: "whitelist", headers: { ...headersConfig.headers, items } };
}
