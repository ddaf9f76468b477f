// How SST bundles the Node functions; bench/lambda-bundle.mjs measures the same bundle.
export const nodejsBundle = {
  esbuild: {
    // @platformatic/wasm-utils' default entry reads native.wasm from beside its own file, which
    // a bundle does not have; its /bundled entry inlines the module (found by `npm run bench`).
    alias: { "@platformatic/wasm-utils": "@platformatic/wasm-utils/bundled" },
  },
};
