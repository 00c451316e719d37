// `npm run test:stress`: `npm test` while two CPU-bound processes run beside it, so a test that
// waits for wall-clock time instead of an event fails here rather than on a busy CI machine.
// The burners are stopped whatever happens; the exit status is npm test's.
import { spawn } from 'node:child_process';

const BURNERS = 2;

// Each burner spins, and every few million iterations checks that this script is still its
// parent, so it ends by itself even if this script is killed with SIGKILL.
const burn = `const parent = ${process.pid};
for (;;) {
  for (let i = 0; i < 5e7; i++);
  if (process.ppid !== parent) process.exit(0);
}`;

const burners = Array.from({ length: BURNERS }, () => spawn(process.execPath, ['-e', burn], { stdio: 'ignore' }));
function stopBurners() {
  for (const b of burners) if (b.exitCode === null && b.signalCode === null) b.kill('SIGKILL');
}
process.on('exit', stopBurners);

const started = Date.now();
const test = spawn('npm', ['test', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    test.kill(signal);
    stopBurners();
  });
}
test.on('error', (err) => {
  process.stderr.write(`test:stress: could not run npm test: ${err.message}\n`);
  process.exit(1);
});
test.on('exit', (code) => {
  stopBurners();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `test:stress: npm test beside ${BURNERS} CPU-bound processes ${code === 0 ? 'passed' : 'failed'} in ${seconds} s\n`,
  );
  process.exit(code ?? 1);
});
