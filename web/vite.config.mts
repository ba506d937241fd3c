import { defineConfig } from "vite";

// A static page with relative asset paths (`base: "./"`), so the built folder works from any static host, a
// subpath or an IPFS gateway. No dev-only plugins: what the tests load is what `vite build` writes.
export default defineConfig({
  base: "./",
  resolve: {
    // A Node-only import deep in viem's dependencies (see the stub): replaced, not externalized with a warning.
    alias: { "node:worker_threads": decodeURIComponent(new URL("./src/stubs/worker-threads.ts", import.meta.url).pathname) },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // One small bundle; the Merkle library and viem are the bulk of it.
    chunkSizeWarningLimit: 1024,
  },
});
