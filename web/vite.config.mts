import { defineConfig } from "vite";

// A static page with relative asset paths (`base: "./"`), so the built folder works from any static host, a
// subpath or an IPFS gateway. No dev-only plugins: what the tests load is what `vite build` writes.
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // One small bundle; the Merkle library and viem are the bulk of it.
    chunkSizeWarningLimit: 1024,
  },
});
