// How SST bundles the Node functions; functions/testing/lambda-bundle.ts builds the same bundle
// for the tests and the bench.
import { readFileSync } from "node:fs";
import { join } from "node:path";

// @platformatic/wasm-utils reads native.wasm from beside its own file, which a single-file bundle
// does not have (found by `npm run bench`): it ships as an installed package instead. SST installs
// `install: ["name"]` as "*" (whatever is newest at deploy time), so the version is taken from
// package-lock.json, as is that of its one dependency, for the same code as tested here.
export const installedPackages = ["@platformatic/wasm-utils", "@platformatic/dynamic-buffer"];

/** Exact versions of `names` from a package-lock.json (lockfileVersion 2 or 3). */
export function lockedVersions(lockText: string, names: string[]): Record<string, string> {
  const lock = JSON.parse(lockText) as { packages?: Record<string, { version?: string }> };
  return Object.fromEntries(
    names.map((name) => {
      const version = lock.packages?.[`node_modules/${name}`]?.version;
      if (!version || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) {
        throw new Error(`package-lock.json has no exact version of ${name}; run npm install`);
      }
      return [name, version];
    }),
  );
}

export function nodejsBundleFrom(lockText: string) {
  return {
    install: lockedVersions(lockText, installedPackages),
    // SST documents minify as on by default, but its build (pkg/runtime/node/build.go) only minifies
    // when this is set: without it the API's bundle ships unminified (4.7 MB instead of 2.2 MB).
    minify: true,
    // Each dynamic import (the AWS SDK clients, loaded on the call that needs them) becomes a chunk
    // of its own beside bundle.mjs, so a cold start parses only what the handler imports statically.
    splitting: true,
  };
}

let bundle: ReturnType<typeof nodejsBundleFrom> | undefined;

/**
 * The bundle options for every function (reads package-lock.json at the app root, once). The root
 * is a parameter so this module needs no SST globals: functions/testing/lambda-bundle.ts bundles
 * the Lambda entries in tests with the same installs.
 */
export function nodejsBundle(appRoot: string) {
  bundle ??= nodejsBundleFrom(readFileSync(join(appRoot, "package-lock.json"), "utf8"));
  return bundle;
}
