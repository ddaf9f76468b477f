import { describe, expect, it } from "vitest";
import { withAuthorizationHeader } from "./router-cache";

describe("withAuthorizationHeader", () => {
  it("adds Authorization to the Router's whitelisted cache-key headers (SST's default policy)", () => {
    expect(withAuthorizationHeader({ headerBehavior: "whitelist", headers: { items: ["x-open-next-cache-key", "x-forwarded-host"] } })).toEqual({
      headerBehavior: "whitelist",
      headers: { items: ["x-open-next-cache-key", "x-forwarded-host", "Authorization"] },
    });
  });

  it("whitelists it when the policy keyed on no header", () => {
    expect(withAuthorizationHeader({ headerBehavior: "none" })).toEqual({ headerBehavior: "whitelist", headers: { items: ["Authorization"] } });
  });

  it("is idempotent", () => {
    const once = withAuthorizationHeader({ headerBehavior: "whitelist", headers: { items: ["authorization"] } });
    expect(once.headers?.items).toEqual(["authorization"]);
  });
});
