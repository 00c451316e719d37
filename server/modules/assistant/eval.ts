// Pure scoring of classifier predictions against labelled lines (the dev set format): joint,
// intent, procedure and aspect accuracy, an intent confusion table, the commonest procedure and
// aspect confusions, and the misses. A labelled line may accept several procedures or aspects.
import { INTENTS, type Aspect, type DangerKind, type Intent, type ProcedureId } from '../../../contracts/assistant.js';

export interface LabelledLine {
  id: string;
  text: string;
  history?: string[];
  intent: Intent;
  /** One accepted procedure id or several. */
  procedure?: ProcedureId | ProcedureId[];
  aspects?: Aspect[];
  /** For emergencies: which service's number must come first. */
  danger?: DangerKind;
}

export interface Prediction {
  id: string;
  intent: Intent;
  procedure?: ProcedureId;
  aspect?: Aspect;
  danger?: DangerKind;
  confidence?: number;
}

export interface Miss {
  id: string;
  text: string;
  expected: string;
  got: string;
}

export interface EvalReport {
  total: number;
  joint: number;
  intent: number;
  /** Over lines labelled "procedure" whose intent was predicted right. */
  procedure: number;
  aspect: number;
  /** Emergency lines read as emergencies. */
  emergencyRecall: number;
  /** Lines read as emergencies that are emergencies. */
  emergencyPrecision: number;
  /** Emergency lines whose reply's first line holds their number (the right one, or all three). */
  emergencyNumber: number;
  /** Tip lines read as tips. */
  tipRecall: number;
  /** confusion[expected][got] = count */
  confusion: Record<Intent, Record<Intent, number>>;
  procedureConfusions: { expected: string; got: string; count: number }[];
  aspectConfusions: { expected: string; got: string; count: number }[];
  misses: Miss[];
}

function asList<T>(x: T | T[] | undefined): T[] {
  if (x === undefined) return [];
  return Array.isArray(x) ? x : [x];
}

function describe(intent: string, procedure?: string, aspect?: string): string {
  return intent === 'procedure' ? `procedure/${procedure ?? '?'}/${aspect ?? '?'}` : intent;
}

function topCounts(counts: Map<string, number>, n: number): { expected: string; got: string; count: number }[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, count]) => {
      const [expected = '', got = ''] = key.split('\u0000');
      return { expected, got, count };
    });
}

export function evaluate(lines: readonly LabelledLine[], predictions: readonly Prediction[]): EvalReport {
  const byId = new Map(predictions.map((p) => [p.id, p]));
  const confusion = Object.fromEntries(
    INTENTS.map((e) => [e, Object.fromEntries(INTENTS.map((g) => [g, 0])) as Record<Intent, number>]),
  ) as Record<Intent, Record<Intent, number>>;
  const procCounts = new Map<string, number>();
  const aspectCounts = new Map<string, number>();
  const misses: Miss[] = [];
  let joint = 0;
  let intentOk = 0;
  let procTotal = 0;
  let procOk = 0;
  let aspectOk = 0;

  for (const line of lines) {
    const p = byId.get(line.id) ?? { id: line.id, intent: 'unknown' as Intent };
    confusion[line.intent][p.intent] += 1;
    const procs = asList(line.procedure);
    const aspects = asList(line.aspects);
    let ok = p.intent === line.intent;
    if (ok) intentOk++;
    if (ok && line.intent === 'procedure') {
      procTotal++;
      const pOk = p.procedure !== undefined && procs.includes(p.procedure);
      const aOk = p.aspect !== undefined && aspects.includes(p.aspect);
      if (pOk) procOk++;
      else {
        const key = `${procs.join('|')}\u0000${p.procedure ?? '-'}`;
        procCounts.set(key, (procCounts.get(key) ?? 0) + 1);
      }
      if (aOk) aspectOk++;
      else {
        const key = `${aspects.join('|')}\u0000${p.aspect ?? '-'}`;
        aspectCounts.set(key, (aspectCounts.get(key) ?? 0) + 1);
      }
      ok = pOk && aOk;
    }
    if (ok) joint++;
    else {
      misses.push({
        id: line.id,
        text: line.text,
        expected: describe(line.intent, procs.join('|'), aspects.join('|')),
        got: describe(p.intent, p.procedure, p.aspect),
      });
    }
  }
  const total = lines.length;
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
  const emergencies = lines.filter((l) => l.intent === 'emergency');
  const caught = emergencies.filter((l) => byId.get(l.id)?.intent === 'emergency');
  const flagged = predictions.filter((p) => p.intent === 'emergency').length;
  const numberRight = caught.filter((l) => {
    const got = byId.get(l.id)?.danger ?? 'unclear';
    return got === 'unclear' || l.danger === undefined || got === l.danger;
  });
  const tips = lines.filter((l) => l.intent === 'tip');
  const tipsCaught = tips.filter((l) => byId.get(l.id)?.intent === 'tip');
  return {
    total,
    emergencyRecall: ratio(caught.length, emergencies.length),
    emergencyPrecision: ratio(caught.length, flagged),
    emergencyNumber: ratio(numberRight.length, emergencies.length),
    tipRecall: ratio(tipsCaught.length, tips.length),
    joint: ratio(joint, total),
    intent: ratio(intentOk, total),
    procedure: ratio(procOk, procTotal),
    aspect: ratio(aspectOk, procTotal),
    confusion,
    procedureConfusions: topCounts(procCounts, 10),
    aspectConfusions: topCounts(aspectCounts, 10),
    misses,
  };
}

/** Plain-text rendering of a report for the CLI (the misses only when asked: a frozen set's lines are not for reading while tuning). */
export function formatReport(r: EvalReport, options: { misses?: boolean } = {}): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const out: string[] = [];
  out.push(`lines: ${r.total}`);
  out.push(`joint accuracy:     ${pct(r.joint)}`);
  out.push(`intent accuracy:    ${pct(r.intent)}`);
  out.push(`procedure accuracy: ${pct(r.procedure)} (of procedure lines with the right intent)`);
  out.push(`aspect accuracy:    ${pct(r.aspect)} (of procedure lines with the right intent)`);
  out.push(`emergency recall:   ${pct(r.emergencyRecall)} (precision ${pct(r.emergencyPrecision)})`);
  out.push(`emergency number:   ${pct(r.emergencyNumber)} (first line holds the right number or all three)`);
  out.push(`tip recall:         ${pct(r.tipRecall)}`);
  out.push('');
  out.push('intent confusion (rows: expected, columns: got)');
  const w = 10;
  out.push(''.padEnd(w) + INTENTS.map((i) => i.slice(0, w - 1).padStart(w)).join(''));
  for (const e of INTENTS) {
    out.push(e.slice(0, w - 1).padEnd(w) + INTENTS.map((g) => String(r.confusion[e][g]).padStart(w)).join(''));
  }
  if (r.procedureConfusions.length > 0) {
    out.push('', 'procedure confusions (expected → got)');
    for (const c of r.procedureConfusions) out.push(`  ${c.count} × ${c.expected} → ${c.got}`);
  }
  if (r.aspectConfusions.length > 0) {
    out.push('', 'aspect confusions (expected → got)');
    for (const c of r.aspectConfusions) out.push(`  ${c.count} × ${c.expected} → ${c.got}`);
  }
  out.push('', `misses: ${r.misses.length}`);
  if (options.misses)
    for (const m of r.misses) out.push(`  ${m.id}\t${m.text}\n    expected ${m.expected}, got ${m.got}`);
  return out.join('\n') + '\n';
}
