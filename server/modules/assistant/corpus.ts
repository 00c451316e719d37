// The classifier's training corpus: the hand-written questions in seed/assistant/corpus/*.jsonl,
// the labelled dev lines (testdata/dev.jsonl), and questions generated from the knowledge base
// (each procedure's aliases × ways residents ask about each aspect). The frozen test set
// (testdata/frozen/) is never read here: it measures the model, it does not train it.
import fs from 'node:fs';
import path from 'node:path';
import {
  ASPECTS,
  DANGER_KINDS,
  INTENTS,
  PROCEDURE_IDS,
  type Aspect,
  type DangerKind,
  type Intent,
  type ProcedureId,
} from '../../../contracts/assistant.js';
import { projectRoot } from '../../lib/paths.js';
import { seededRandom } from './linear.js';

export interface TrainingLine {
  id: string;
  text: string;
  history?: string[];
  intent: Intent;
  /** Accepted procedure ids (the first is the usual reading). */
  procedures: ProcedureId[];
  /** Aspects asked, primary first. */
  aspects: Aspect[];
  danger?: DangerKind;
  /** Generated lines count less than hand-written ones. */
  weight: number;
}

const asList = (x: unknown): unknown[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

function isOneOf<T extends string>(list: readonly T[], x: unknown): x is T {
  return typeof x === 'string' && (list as readonly string[]).includes(x);
}

/** Parses one labelled JSON line (dev-set format plus `danger`); throws on a bad label. */
export function parseLabelledLine(raw: string, where: string): TrainingLine {
  const o = JSON.parse(raw) as Record<string, unknown>;
  const { id, text, history, intent, danger } = o;
  if (typeof id !== 'string' || typeof text !== 'string' || !isOneOf(INTENTS, intent)) {
    throw new Error(`${where}: bad line ${raw.slice(0, 120)}`);
  }
  const procedures = asList(o.procedure);
  const aspects = asList(o.aspects);
  if (!procedures.every((p) => isOneOf(PROCEDURE_IDS, p)) || !aspects.every((a) => isOneOf(ASPECTS, a))) {
    throw new Error(`${where}: bad procedure or aspect in ${id}`);
  }
  if (intent === 'procedure' && (procedures.length === 0 || aspects.length === 0)) {
    throw new Error(`${where}: procedure line ${id} needs a procedure and aspects`);
  }
  return {
    id,
    text,
    ...(Array.isArray(history) ? { history: history.filter((h): h is string => typeof h === 'string') } : {}),
    intent,
    procedures: procedures,
    aspects: aspects,
    ...(isOneOf(DANGER_KINDS, danger) ? { danger } : {}),
    weight: 1,
  };
}

export function readLabelledFile(file: string): TrainingLine[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => parseLabelledLine(l, `${path.basename(file)}:${i + 1}`));
}

export const CORPUS_DIR = (): string => path.join(projectRoot(), 'seed/assistant/corpus');
export const DEV_FILE = (): string => path.join(projectRoot(), 'server/modules/assistant/testdata/dev.jsonl');
const KB_FILE = (): string => path.join(projectRoot(), 'seed/kb/procedures.json');

/** The files the model is trained from (their bytes key the trained model's cache). */
export function corpusFiles(): string[] {
  const dir = CORPUS_DIR();
  const own = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => path.join(dir, f))
    : [];
  return [...own, DEV_FILE(), KB_FILE()];
}

// ---- Questions generated from the knowledge base ----

/** Knowledge-base entries that answer a procedure but are not its primary entry. */
const ENTRY_PROCEDURE: Record<string, ProcedureId> = {
  'cap-the-can-cuoc-duoi-14-tuoi': 'can_cuoc',
  'tai-khoan-dinh-danh-dien-tu-muc-1': 'dinh_danh_dien_tu',
  'sang-ten-thu-hoi-dang-ky-xe': 'dang_ky_xe',
};
/** Entries about other agencies' or other offices' papers: the taxonomy reads them as unknown. */
const UNKNOWN_ENTRIES = new Set(['phieu-ly-lich-tu-phap', 'cap-ho-chieu-pho-thong', 'trinh-bao-mat-ho-chieu']);

/** How residents ask about each aspect; "{p}" is the procedure as they name it. */
const ASPECT_TEMPLATES: Record<Aspect, readonly string[]> = {
  overview: [
    '{p} là gì',
    'cho hỏi về {p}',
    'trường hợp của em có phải {p} không',
    '{p} thì làm thế nào',
    'tôi muốn {p}',
    'hướng dẫn giúp em {p}',
    '{p} ai phải làm',
    'làm {p} như thế nào ạ',
  ],
  documents: [
    '{p} cần giấy tờ gì',
    '{p} cần mang theo những gì',
    'hồ sơ {p} gồm những gì',
    '{p} phải chuẩn bị gì',
    'đi {p} thì mang giấy gì',
    '{p} cần những gì ạ',
  ],
  fee: [
    '{p} mất bao nhiêu tiền',
    'lệ phí {p} là bao nhiêu',
    '{p} có mất phí không',
    '{p} hết bao nhiêu',
    '{p} có miễn phí không',
    'phí {p} bao nhiêu vậy',
  ],
  time: [
    '{p} mất bao lâu',
    '{p} mấy ngày thì có kết quả',
    '{p} bao lâu thì xong',
    'nộp {p} rồi bao giờ có',
    '{p} trong mấy ngày',
  ],
  where: [
    '{p} ở đâu',
    '{p} thì nộp ở đâu',
    'đi {p} ở chỗ nào',
    '{p} làm ở cơ quan nào',
    '{p} lên công an phường hay công an tỉnh',
    '{p} thì đến đâu làm',
  ],
  online: [
    '{p} online được không',
    '{p} trên vneid được không',
    'có thể {p} qua mạng không',
    '{p} trên cổng dịch vụ công thế nào',
    'làm {p} trực tuyến như thế nào',
  ],
  form: [
    '{p} dùng mẫu nào',
    'mẫu tờ khai {p} là mẫu gì',
    '{p} khai tờ khai nào',
    'lấy mẫu đơn {p} ở đâu',
    '{p} điền mẫu gì',
  ],
  deadline: [
    'trong bao lâu phải {p}',
    '{p} quá hạn có bị phạt không',
    'thời hạn {p} là bao nhiêu ngày',
    'chậm {p} thì bị phạt bao nhiêu',
    'trước bao nhiêu ngày phải {p}',
  ],
};

const OPENINGS = ['', '', '', 'cho em hỏi ', 'chào anh, ', 'dạ cho tôi hỏi ', 'ad ơi ', 'xin hỏi '];
const ENDINGS = ['', '', '', ' ạ', '?', ' em cảm ơn ạ', ', xin cảm ơn', ' vậy ạ'];

interface KbEntry {
  id: string;
  taxonomyId: string | null;
  content: { aliases?: unknown; nameVi?: unknown };
}

/** Questions built from the knowledge base's aliases: every procedure × every aspect, a few each. */
export function generatedLines(perAspect = 5, seed = 20261130): TrainingLine[] {
  const entries = JSON.parse(fs.readFileSync(KB_FILE(), 'utf8')) as KbEntry[];
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const out: TrainingLine[] = [];
  for (const e of entries) {
    const unknown = UNKNOWN_ENTRIES.has(e.id);
    const taxonomy = isOneOf(PROCEDURE_IDS, e.taxonomyId) ? e.taxonomyId : ENTRY_PROCEDURE[e.id];
    if (!taxonomy && !unknown) continue;
    const aliases = asList(e.content.aliases).filter(
      (a): a is string => typeof a === 'string' && a.length > 3 && /\p{L}/u.test(a),
    );
    if (typeof e.content.nameVi === 'string') aliases.push(e.content.nameVi.toLowerCase());
    if (aliases.length === 0) continue;
    for (const aspect of ASPECTS) {
      for (let i = 0; i < (unknown ? 1 : perAspect); i++) {
        const text = pick(OPENINGS) + pick(ASPECT_TEMPLATES[aspect]).replace('{p}', pick(aliases)) + pick(ENDINGS);
        out.push({
          id: `gen-${e.id}-${aspect}-${i}`,
          text,
          intent: unknown ? 'unknown' : 'procedure',
          procedures: taxonomy && !unknown ? [taxonomy] : [],
          aspects: unknown ? [] : [aspect],
          weight: 0.5,
        });
      }
    }
  }
  return out;
}

/** Every training line: hand-written corpus, dev set, generated questions. */
export function trainingLines(): TrainingLine[] {
  const files = corpusFiles().filter((f) => f.endsWith('.jsonl'));
  return [...files.flatMap(readLabelledFile), ...generatedLines()];
}
