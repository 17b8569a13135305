import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { resolve } from 'node:path'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [vue()],
  // ECharts (gauge and line only) is about 500 kB minified; it loads with the board pages only.
  // Two pages: the app, and the customers' widget (small, no sign-in).
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700, rollupOptions: { input: { index: resolve(import.meta.dirname, 'index.html'), widget: resolve(import.meta.dirname, 'widget.html') } } },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/ws': { target: 'ws://127.0.0.1:8080', ws: true } } },
})
