/**
 * The exclusion flow of one wave: the figures behind a CONSORT-style diagram. Steps follow the
 * rules' order; a response leaves at the first rule whose flag excludes it. Researchers'
 * decisions come last, in the step 'override': a 'keep' keeps a response whatever its flags
 * (it leaves at no rule; the step counts it in `kept`), a 'drop' removes a response that the
 * rules left in. Each step enters what the previous one kept: entering - leaving flows on.
 */
import type { Flag, Override, ResponseFacts } from './facts.js';
import type { QualityRules } from './rules.js';

export interface FlowStep {
  /** A rule id, or 'override'. */
  step: string;
  entering: number;
  leaving: number;
  /** Why those leaving left, by reason, summing to `leaving`. */
  reasons: Record<string, number>;
  /** On the step 'override': responses with excluding flags that a researcher kept. */
  kept?: number;
}

export interface ExclusionFlow {
  steps: FlowStep[];
  /** Ids of the responses that remain, in the order given. */
  kept: string[];
}

/**
 * `rules`, when given, adds excluding rules that flagged nobody (leaving 0) and fixes the
 * order; without it the order is read from the flags, which runQuality lists in rule order.
 */
export function exclusionFlow(
  responses: readonly Pick<ResponseFacts, 'id' | 'waveId'>[],
  flags: Map<string, Flag[]>,
  overrides: Override[],
  waveId: string,
  rules?: QualityRules,
): ExclusionFlow {
  const wave = responses.filter((r) => r.waveId === waveId);
  // The latest decision on a response counts.
  const decision = new Map<string, Override['decision']>();
  for (const o of overrides) decision.set(o.responseId, o.decision);

  const excluding = (id: string): Flag[] => (flags.get(id) ?? []).filter((f) => f.exclude);
  const order = stepOrder(
    wave.map((r) => excluding(r.id)),
    rules,
  );
  const steps = new Map<string, FlowStep>(
    order.map((step) => [step, { step, entering: 0, leaving: 0, reasons: {} }]),
  );
  const leftAt = new Map<string, string>();
  let keptDespiteFlags = 0;
  for (const r of wave) {
    const own = excluding(r.id);
    if (own.length === 0) continue;
    if (decision.get(r.id) === 'keep') {
      keptDespiteFlags++;
      continue;
    }
    const first = own.reduce((a, b) => (order.indexOf(b.rule) < order.indexOf(a.rule) ? b : a));
    leftAt.set(r.id, first.rule);
    const step = steps.get(first.rule)!;
    step.leaving++;
    const why = reasonCategory(first);
    step.reasons[why] = (step.reasons[why] ?? 0) + 1;
  }
  let entering = wave.length;
  for (const step of steps.values()) {
    step.entering = entering;
    entering -= step.leaving;
  }
  const override: FlowStep = { step: 'override', entering, leaving: 0, reasons: {}, kept: 0 };
  const kept: string[] = [];
  for (const r of wave) {
    if (leftAt.has(r.id)) continue;
    if (decision.get(r.id) === 'drop') {
      override.leaving++;
      override.reasons['dropped by researcher'] =
        (override.reasons['dropped by researcher'] ?? 0) + 1;
      continue;
    }
    kept.push(r.id);
  }
  override.kept = keptDespiteFlags;
  return { steps: [...steps.values(), override], kept };
}

/** Rule ids in rule order: from the rules when given, else merged from each response's flags. */
function stepOrder(lists: Flag[][], rules: QualityRules | undefined): string[] {
  const seen = new Set(lists.flatMap((l) => l.map((f) => f.rule)));
  if (rules) {
    const ids = rules.rules.filter((r) => r.exclude || seen.has(r.id)).map((r) => r.id);
    return [...ids, ...[...seen].filter((id) => !ids.includes(id))];
  }
  // Topological merge of the sequences; ties by first appearance.
  const firstSeen = [...seen];
  const after = new Map<string, Set<string>>(firstSeen.map((id) => [id, new Set()]));
  const before = new Map<string, number>(firstSeen.map((id) => [id, 0]));
  for (const list of lists) {
    const ids = [...new Set(list.map((f) => f.rule))];
    for (let k = 1; k < ids.length; k++) {
      const edges = after.get(ids[k - 1]!)!;
      if (!edges.has(ids[k]!)) {
        edges.add(ids[k]!);
        before.set(ids[k]!, before.get(ids[k]!)! + 1);
      }
    }
  }
  const out: string[] = [];
  const left = new Set(firstSeen);
  while (left.size > 0) {
    // A cycle (flags from different rule files) falls back to first appearance.
    const next = firstSeen.find((id) => left.has(id) && before.get(id) === 0) ?? [...left][0]!;
    left.delete(next);
    out.push(next);
    for (const id of after.get(next)!) before.set(id, before.get(id)! - 1);
  }
  return out;
}

/** A reason without figures, so that responses leaving for the same reason count together. */
export function reasonCategory(flag: Flag): string {
  switch (flag.kind) {
    case 'duplicates':
      return Number(flag.figure) === 1 ? 'exact duplicate' : 'near duplicate';
    case 'eligibility':
      return flag.figure === 'not answered' ? 'eligibility not answered' : flag.reason;
    case 'completion':
      return 'too little answered';
    case 'page-speed':
      return 'too fast pages';
    case 'device':
      return 'repeated device';
    case 'signal':
      return `signal (${flag.rule})`;
    default:
      return flag.kind;
  }
}
