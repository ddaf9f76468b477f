// How SST bundles the Node functions; bench/lambda-bundle.mjs measures the same bundle.
export const nodejsBundle = {
  // @platformatic/wasm-utils reads native.wasm from beside its own file, which a single-file
  // bundle does not have (found by `npm run bench`): ship it as an installed package instead.
  install: ["@platformatic/wasm-utils"],
};
