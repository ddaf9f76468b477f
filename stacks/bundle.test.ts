import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { installedPackages, lockedVersions, nodejsBundleFrom } from "./bundle";

const lockText = readFileSync(new URL("../package-lock.json", import.meta.url), "utf8");

describe("the packages SST installs beside the bundle", () => {
  it("are pinned to package-lock.json's exact versions, never SST's default *", () => {
    const lock = JSON.parse(lockText) as { packages: Record<string, { version: string }> };
    const { install } = nodejsBundleFrom(lockText);
    expect(Object.keys(install)).toEqual(installedPackages);
    for (const name of installedPackages) {
      expect(install[name]).toBe(lock.packages[`node_modules/${name}`]?.version);
      expect(install[name]).toMatch(/^\d+\.\d+\.\d+/);
    }
    expect(install["@platformatic/wasm-utils"]).not.toBe("*");
  });

  it("refuse to deploy when the lockfile lacks a package", () => {
    expect(() => lockedVersions(JSON.stringify({ packages: {} }), ["@platformatic/wasm-utils"])).toThrow(/no exact version of @platformatic\/wasm-utils/);
    const ranged = JSON.stringify({ packages: { "node_modules/x": { version: "^1.0.0" } } });
    expect(() => lockedVersions(ranged, ["x"])).toThrow(/no exact version of x/);
  });
});
