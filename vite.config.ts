import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// The dev server proxies the API to the server started by `npm run dev` (same PORT).
const api = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

// The server refuses writes whose Origin is not its BASE_URL. The dev server's own pages are
// same-origin to it (the browser says so in Sec-Fetch-Site): forward their requests without Origin.
const proxy: ProxyOptions = {
  target: api,
  changeOrigin: false,
  configure: (server) =>
    server.on('proxyReq', (proxyReq, req) => {
      if (req.headers['sec-fetch-site'] === 'same-origin') proxyReq.removeHeader('origin');
    }),
};

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist/web', emptyOutDir: true },
  server: {
    proxy: { '/api': proxy, '/healthz': proxy },
  },
});
