// `npm run dev`: the server under tsx (restarts on change) and the Vite dev server (proxying /api).
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'server/cli/index.ts', 'serve'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'development', HOST: process.env.HOST ?? '127.0.0.1' },
  }),
  spawn('npx', ['vite', '--port', '5173'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code && stop());
