// Throughput and latency of the procedures-assistant classifier on one core, index build time, the
// cost of long input (the normaliser on 100 KB against 1 MB: linear, not quadratic), and the
// end-to-end `ketnoi assistant classify` filter on 50,000 lines, against baselines measured in the
// same run: `normalize` alone and a trivial keyword-table classifier (in-process), and the bare
// start-up of the CLI (`ketnoi --help`) for the end-to-end figure.
// Usage: node bench/assistant.mjs   (builds the server first if stale; writes bench/results/assistant.json)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from '../scripts/build-if-stale.mjs';
import { machineInfo } from './machine.mjs';

buildIfStale({ web: false });
const dist = (p) => pathToFileURL(path.join(root, 'dist/server/modules/assistant', p)).href;
const { createClassifier } = await import(dist('classifier.js'));
const { normalize } = await import(dist('normalize.js'));

// A deterministic PRNG so every run measures the same mix.
let seed = 20261127;
const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// Realistic mix: procedure phrases × aspect phrases × writing styles, plus the other intents.
const procedures = [
  'đăng ký tạm trú',
  'làm tạm trú cho người thuê trọ',
  'gia hạn tạm trú',
  'nhập khẩu cho con',
  'chuyển hộ khẩu về nhà chồng',
  'khai báo tạm vắng',
  'báo lưu trú cho khách',
  'cắt khẩu cho bố đã mất',
  'xóa tạm trú',
  'tách hộ',
  'đổi chủ hộ',
  'xin giấy xác nhận cư trú',
  'sổ hộ khẩu',
  'làm căn cước lần đầu cho con',
  'đổi căn cước khi đủ 25 tuổi',
  'làm lại căn cước bị mất',
  'kích hoạt định danh mức 2',
  'sang tên xe máy',
];
const aspects = [
  'cần giấy tờ gì',
  'mất bao nhiêu tiền',
  'mất bao lâu',
  'làm ở đâu',
  'làm online được không',
  'dùng mẫu nào',
  'trễ có bị phạt không',
  'thì làm thế nào',
  '',
];
const prefixes = ['', '', 'cho em hỏi ', 'dạ anh ơi ', 'ad ơi ', 'chào anh, '];
const suffixes = ['', '', ' ạ', '?', ' vậy', ' rứa', ' hè'];
const others = [
  'có người lạ lảng vảng trước ngõ mấy đêm nay',
  'nhận được cuộc gọi giả danh công an bắt chuyển tiền',
  'cứu với nhà hàng xóm đang cháy',
  'công an phường mấy giờ làm việc',
  'cho tôi gặp cán bộ trực',
  'cảm ơn anh nhiều',
  'đăng ký kết hôn cần gì',
  'giá vàng hôm nay',
];
const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
const teen = (s) =>
  s
    .replace(/không/g, 'ko')
    .replace(/được/g, 'đc')
    .replace(/gì/g, 'j')
    .replace(/đăng ký/g, 'đk')
    .replace(/căn cước/g, 'cccd')
    .replace(/bao nhiêu/g, 'bn')
    .replace(/ở đâu/g, 'ở mô')
    .replace(/làm/g, 'lm');
const styles = [(s) => s, fold, teen, (s) => fold(teen(s)), (s) => s.toUpperCase()];

function message() {
  if (rand() < 0.15) return { text: pick(styles)(pick(others)) };
  const text = pick(styles)(`${pick(prefixes)}${pick(procedures)} ${pick(aspects)}${pick(suffixes)}`.trim());
  if (rand() < 0.15) return { text: pick(styles)(pick(aspects) || 'thế lệ phí bao nhiêu'), history: [text] };
  return { text };
}
const N = 20_000;
const messages = Array.from({ length: N }, message);

// Baseline: a keyword table (first keyword found decides the procedure), the least a classifier does.
const table = [
  ['gia han', 'gia_han_tam_tru'],
  ['tam tru', 'tam_tru'],
  ['thuong tru', 'thuong_tru'],
  ['can cuoc', 'can_cuoc'],
  ['cccd', 'can_cuoc'],
  ['xe', 'dang_ky_xe'],
];
function keywordClassify(text) {
  const t = normalize(text);
  for (const [k, id] of table) if (t.includes(k)) return id;
  return 'unknown';
}

function throughput(fn, rounds = 3) {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const m of messages) fn(m);
    best = Math.min(best, performance.now() - t0);
  }
  return Math.round((messages.length / best) * 1000);
}
const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// Index build: a fresh classifier and its first answer, median of 9.
const builds = [];
for (let i = 0; i < 9; i++) {
  const t0 = performance.now();
  createClassifier().classify('x');
  builds.push(performance.now() - t0);
}
builds.sort((a, b) => a - b);

const classifier = createClassifier();
for (const m of messages.slice(0, 2000)) classifier.classify(m.text, m.history); // warm-up
const perSecond = throughput((m) => classifier.classify(m.text, m.history));
const normalizePerSecond = throughput((m) => normalize(m.text));
const keywordPerSecond = throughput((m) => keywordClassify(m.text));

const latencies = messages.map((m) => {
  const t0 = performance.now();
  classifier.classify(m.text, m.history);
  return (performance.now() - t0) * 1000;
});
latencies.sort((a, b) => a - b);

// Long input (the CLI classifies lines of any length), fastest of 9 runs each. The normaliser on
// 100 KB and on 1 MB (sizes large enough for steady timings): linear work makes 1 MB cost ~10×, a
// quadratic step ~100×. The classifier reads only the first 4,000 characters, so 100 KB costs it no
// more than a long question.
const longUnit = 'Làm CCCD ở mô rứa, mất bn tiền ạ? đk tạm trú onl đc hok 🙏 ';
const sized = (chars) => longUnit.repeat(Math.ceil(chars / longUnit.length)).slice(0, chars);
function fastest(fn) {
  fn(); // warm-up
  let best = Infinity;
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
const [text100k, text1m] = [sized(100_000), sized(1_000_000)];
const normalize100kMs = fastest(() => normalize(text100k));
const normalize1mMs = fastest(() => normalize(text1m));
const longInput = {
  normalize100kMs: Math.round(normalize100kMs * 10) / 10,
  normalize1mMs: Math.round(normalize1mMs * 10) / 10,
  normalizeRatio: Math.round((normalize1mMs / normalize100kMs) * 10) / 10,
  classify100kMs: Math.round(fastest(() => classifier.classify(text100k)) * 100) / 100,
};

// End to end: 50,000 JSONL lines through the built CLI, against the CLI's bare start-up.
const E2E_LINES = 50_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ketnoi-bench-assistant-'));
const input = path.join(tmp, 'in.jsonl');
fs.writeFileSync(
  input,
  Array.from({ length: E2E_LINES }, (_, i) => JSON.stringify({ id: `b${i}`, ...messages[i % N] })).join('\n') + '\n',
);
const bin = path.join(root, 'bin/ketnoi.mjs');
function wall(args, stdinFile) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const fd = stdinFile ? fs.openSync(stdinFile, 'r') : 'ignore';
    const t0 = performance.now();
    const res = spawnSync(process.execPath, args, { stdio: [fd, 'pipe', 'pipe'], maxBuffer: 1 << 28 });
    runs.push(performance.now() - t0);
    if (typeof fd === 'number') fs.closeSync(fd);
    if (res.status !== 0) throw new Error(`${args.join(' ')} failed: ${res.stderr}`);
    if (stdinFile && res.stdout.toString().trim().split('\n').length !== E2E_LINES) {
      throw new Error('classify did not answer every line');
    }
  }
  return Math.round(runs.sort((a, b) => a - b)[1]);
}
const e2eMs = wall([bin, 'assistant', 'classify'], input);
const startupMs = wall([bin, '--help'], null);
fs.rmSync(tmp, { recursive: true, force: true });

const result = {
  date: new Date().toISOString(),
  machine: machineInfo(),
  messages: N,
  summary: {
    classifyPerSecond: perSecond,
    latencyMicros: {
      p50: Math.round(pct(latencies, 0.5) * 10) / 10,
      p99: Math.round(pct(latencies, 0.99) * 10) / 10,
      max: Math.round(latencies[latencies.length - 1] * 10) / 10,
    },
    indexBuildMs: Math.round(builds[4] * 10) / 10,
    longInput,
    e2eClassify50kMs: e2eMs,
  },
  baseline: {
    normalizeOnlyPerSecond: normalizePerSecond,
    keywordTablePerSecond: keywordPerSecond,
    cliStartupMs: startupMs,
  },
  targets: {
    classifyPerSecond: 20_000,
    p99Micros: 1000,
    indexBuildMs: 200,
    normalizeRatio: 40,
    classify100kMs: 200,
    e2eClassify50kMs: 10_000,
  },
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/assistant.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify({ summary: result.summary, baseline: result.baseline }, null, 2));
