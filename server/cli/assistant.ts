import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Command } from 'commander';
import type { Classification } from '../../contracts/assistant.js';
import type { LabelledLine } from '../modules/assistant/eval.js';

// The assistant commands never open the database: `classify` is a filter scored on large inputs, so
// it only loads the classifier (imported lazily, keeping the other commands' start-up unchanged).

const BATCH_LINES = 512;
/** The frozen test set: never trained or tuned on; its aggregate scores are the ones reported. */
const FROZEN_SET = 'server/modules/assistant/testdata/frozen/frozen.jsonl';

type LineId = string | number;

interface InputLine {
  id: LineId;
  text: string;
  history?: string[];
}

function isId(x: unknown): x is LineId {
  return typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
}

/** Parses one input line; returns the id alone when the line is malformed but has one. */
function parseLine(line: string): InputLine | { id: LineId; malformed: true } | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // Salvage the id of a broken line so the output still has one line per input.
    const m = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/.exec(line);
    if (!m?.[1]) return null;
    try {
      const id: unknown = JSON.parse(m[1]);
      return isId(id) ? { id, malformed: true } : null;
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const obj = value as Record<string, unknown>;
  if (!isId(obj.id)) return null;
  if (typeof obj.text !== 'string') return { id: obj.id, malformed: true };
  const history = Array.isArray(obj.history)
    ? obj.history.filter((h): h is string => typeof h === 'string')
    : undefined;
  return history ? { id: obj.id, text: obj.text, history } : { id: obj.id, text: obj.text };
}

/** The output line of taxonomy.json: procedure and aspect only for the procedure intent. */
export function outputLine(
  id: LineId,
  c: Pick<Classification, 'intent' | 'procedure' | 'aspect' | 'danger' | 'confidence'>,
): string {
  const confidence = Math.round(c.confidence * 1000) / 1000;
  if (c.intent === 'procedure' && c.procedure && c.aspect) {
    return JSON.stringify({ id, intent: c.intent, procedure: c.procedure, aspect: c.aspect, confidence });
  }
  if (c.intent === 'emergency' && c.danger)
    return JSON.stringify({ id, intent: c.intent, danger: c.danger, confidence });
  return JSON.stringify({ id, intent: c.intent === 'procedure' ? 'unknown' : c.intent, confidence });
}

/** Reports a line the classifier failed on (it is answered "unknown") on stderr. */
function onError(lineNo: number): (err: unknown) => void {
  return (err) => process.stderr.write(`line ${lineNo}: the classifier failed (${String(err)}); answered unknown\n`);
}

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

async function classifyStream(): Promise<void> {
  const { classifyOrUnknown, getClassifier } = await import('../modules/assistant/classifier.js');
  const classifier = getClassifier();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let batch: string[] = [];
  let lineNo = 0;
  for await (const raw of rl) {
    lineNo++;
    if (raw.trim() === '') continue;
    const parsed = parseLine(raw);
    if (parsed === null) {
      process.stderr.write(`line ${lineNo}: not a JSON object with an id, skipped\n`);
      continue;
    }
    if ('malformed' in parsed) {
      batch.push(outputLine(parsed.id, { intent: 'unknown', confidence: 0 }));
    } else {
      batch.push(outputLine(parsed.id, classifyOrUnknown(classifier, parsed.text, parsed.history, onError(lineNo))));
    }
    if (batch.length >= BATCH_LINES) {
      await write(batch.join('\n') + '\n');
      batch = [];
    }
  }
  if (batch.length > 0) await write(batch.join('\n') + '\n');
}

function readLabelled(file: string): LabelledLine[] {
  const lines: LabelledLine[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '') return;
      try {
        const value = JSON.parse(raw) as Partial<LabelledLine>;
        if (typeof value.id !== 'string' || typeof value.text !== 'string' || typeof value.intent !== 'string') {
          throw new Error('needs id, text and intent');
        }
        lines.push(value as LabelledLine);
      } catch (err) {
        process.stderr.write(`${file}:${i + 1}: ${err instanceof Error ? err.message : String(err)}, skipped\n`);
      }
    });
  return lines;
}

async function evalFile(file: string, misses: boolean): Promise<void> {
  const [{ classifyOrUnknown, getClassifier }, { evaluate, formatReport }] = await Promise.all([
    import('../modules/assistant/classifier.js'),
    import('../modules/assistant/eval.js'),
  ]);
  const classifier = getClassifier();
  const lines = readLabelled(file);
  const predictions = lines.map((l, i) => ({
    id: l.id,
    ...classifyOrUnknown(classifier, l.text, l.history, onError(i + 1)),
  }));
  process.stdout.write(formatReport(evaluate(lines, predictions), { misses }));
}

async function crossValidateCommand(folds: number, misses: boolean): Promise<void> {
  const [{ crossValidate }, { trainingLines }, { formatReport }, { progressBar }] = await Promise.all([
    import('../modules/assistant/cross-validate.js'),
    import('../modules/assistant/corpus.js'),
    import('../modules/assistant/eval.js'),
    import('./progress.js'),
  ]);
  const bar = progressBar('folds');
  const report = crossValidate(trainingLines(), folds, (done, total) => bar.update(done, total));
  bar.stop();
  process.stdout.write(formatReport(report, { misses }));
}

async function trainCommand(): Promise<void> {
  const [{ modelParts, trainModel, serializeModel, modelFile }, { trainingLines }, { projectRoot }] = await Promise.all(
    [import('../modules/assistant/model.js'), import('../modules/assistant/corpus.js'), import('../lib/paths.js')],
  );
  const started = performance.now();
  const lines = trainingLines();
  const model = trainModel(modelParts(), lines);
  const file = modelFile(projectRoot());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, serializeModel(model));
  fs.renameSync(`${file}.tmp`, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `trained on ${lines.length} lines (${model.vocabulary.size} features) in ${seconds} s\nmodel: ${file}\n`,
  );
}

/** Adds the `assistant` command group; returns it so further subcommands (e.g. `ask`) can attach. */
export function registerAssistantCommands(program: Command): Command {
  const assistant = program
    .command('assistant')
    .description('the procedures assistant (classify and eval need no database)');
  assistant
    .command('classify')
    .description('classify JSONL lines {id, text, history?} from stdin; one JSONL line {id, intent, …} per input')
    .action(async () => {
      await classifyStream();
    });
  assistant
    .command('eval')
    .argument('[file]', 'labelled JSONL (dev set format); default: the frozen test set')
    .option('--misses', 'list the lines the classifier got wrong (not for the frozen set while tuning)')
    .description(
      'joint, intent, procedure and aspect accuracy, emergency recall and precision, tip recall and the intent confusion table',
    )
    .action(async (file: string | undefined, opts: { misses?: boolean }) => {
      try {
        const { projectRoot } = await import('../lib/paths.js');
        await evalFile(file ?? path.join(projectRoot(), FROZEN_SET), opts.misses === true);
      } catch (err) {
        process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
      }
    });
  assistant
    .command('cv')
    .option('--folds <n>', 'number of folds', '4')
    .option('--misses', 'list the held-out lines the models got wrong (training lines: fine to read)')
    .description(
      'k-fold cross-validation over the hand-written training lines: the figures to tune on (never the frozen set)',
    )
    .action(async (opts: { folds: string; misses?: boolean }) => {
      const folds = Number(opts.folds);
      if (!Number.isInteger(folds) || folds < 2 || folds > 20) {
        process.stderr.write('error: --folds must be an integer from 2 to 20\n');
        process.exitCode = 1;
        return;
      }
      await crossValidateCommand(folds, opts.misses === true);
    });
  assistant
    .command('train')
    .description('train the classifier from seed/assistant/corpus, the dev set and the knowledge base, and cache it')
    .action(async () => {
      await trainCommand();
    });
  return assistant;
}
