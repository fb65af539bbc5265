import { defineConfig } from "vitest/config";

// Everything the page needs ships in dist/ (no font, icon or script from elsewhere): the server's
// Content-Security-Policy allows nothing else.
export default defineConfig({
  build: { outDir: "dist", assetsDir: "assets", sourcemap: false, target: "es2022" },
  server: { proxy: { "/api": { target: "http://127.0.0.1:8080", ws: true } } },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
