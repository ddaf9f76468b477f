// How SST bundles the Node functions; bench/lambda-bundle.mjs measures the same bundle.
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
  return { install: lockedVersions(lockText, installedPackages) };
}

let bundle: ReturnType<typeof nodejsBundleFrom> | undefined;

/** The bundle options for every function (reads package-lock.json at the app root, once). */
export function nodejsBundle() {
  bundle ??= nodejsBundleFrom(readFileSync(join($cli.paths.root, "package-lock.json"), "utf8"));
  return bundle;
}
