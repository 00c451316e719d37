// `npm run test:pg`: the integration tests on PostgreSQL. Each test file creates (and drops)
// its own database through the server at TEST_DATABASE_URL.
import { spawnSync } from 'node:child_process';

if (!process.env.TEST_DATABASE_URL) {
  process.stderr.write(
    'TEST_DATABASE_URL is not set: point it at a PostgreSQL database whose user may create databases,\n' +
      'e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run test:pg\n',
  );
  process.exit(1);
}
const r = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
