import { z } from 'zod';
import { CATEGORIES, Category } from '../../../protocol/entities';
import { prepare } from './features';
import type { FeatureBag, Prepared } from './features';
import { firedRules } from './rules';
import type { Rule } from './rules';

/**
 * Multinomial Naive Bayes over presence features (bigrams, words, cue groups, entity kinds),
 * plus the phrase rules as log-odds boosts. Chosen over a discriminative model because it
 * trains in one pass, explains itself feature by feature, and learns from one agent
 * override by a count update — no retraining run.
 */

const Counts = z.partialRecord(Category, z.number().nonnegative());

export const NbModel = z.object({
  version: z.literal(1),
  /** Additive smoothing; large-ish because one short message shares few features with any class. */
  alpha: z.number().positive(),
  /** Softmax temperature per unit of feature weight; see `posterior`. */
  temperature: z.number().positive(),
  docs: Counts,
  mass: Counts,
  /** feature → category → summed weight. */
  counts: z.record(z.string(), Counts),
  vocabulary: z.number().int().nonnegative(),
  /** How many agent corrections have been folded in. */
  overrides: z.number().int().nonnegative(),
});
export type NbModel = z.infer<typeof NbModel>;

export interface LabelledExample {
  text: string;
  category: Category;
}

export interface Evidence {
  feature: string;
  /** Log-odds this feature adds for the winner over the runner-up. */
  weight: number;
}

export interface Classification {
  category: Category;
  confidence: number;
  runnerUp: { category: Category; confidence: number };
  /** Ids of the phrase rules that fired. */
  rules: string[];
  /** The features that most separated the winner from the runner-up, strongest first. */
  evidence: Evidence[];
}

export interface ModelOptions {
  alpha?: number;
  temperature?: number;
}

export interface ClassifyOptions {
  /** Turn the phrase rules off, to measure what the statistics alone achieve. */
  rules?: boolean;
}

// Both chosen by cross-validation: α by accuracy, the temperature by the Brier score of the
// top confidence, so that "0.9" is right about nine times in ten.
const DEFAULTS = { alpha: 2, temperature: 0.5 } as const;

function emptyModel(options: ModelOptions): NbModel {
  return {
    version: 1,
    alpha: options.alpha ?? DEFAULTS.alpha,
    temperature: options.temperature ?? DEFAULTS.temperature,
    docs: {},
    mass: {},
    counts: {},
    vocabulary: 0,
    overrides: 0,
  };
}

function addExample(model: NbModel, bag: FeatureBag, category: Category): void {
  model.docs[category] = (model.docs[category] ?? 0) + 1;
  for (const [feature, weight] of bag) {
    let row = model.counts[feature];
    if (!row) {
      row = {};
      model.counts[feature] = row;
      model.vocabulary += 1;
    }
    row[category] = (row[category] ?? 0) + weight;
    model.mass[category] = (model.mass[category] ?? 0) + weight;
  }
}

export function train(examples: readonly LabelledExample[], options: ModelOptions = {}): NbModel {
  const model = emptyModel(options);
  for (const ex of examples) addExample(model, prepare(ex.text).bag, ex.category);
  return model;
}

interface Scored {
  /** Naive Bayes log-posterior per category, before calibration. */
  scores: Map<Category, number>;
  rules: Rule[];
  /** Total weight of the known features, which sets how peaked the posterior may be. */
  weight: number;
}

function logLikelihood(model: NbModel, feature: string, category: Category): number {
  const count = model.counts[feature]?.[category] ?? 0;
  return Math.log((count + model.alpha) / ((model.mass[category] ?? 0) + model.alpha * model.vocabulary));
}

function score(model: NbModel, { text, bag }: Prepared, useRules: boolean): Scored {
  const totalDocs = CATEGORIES.reduce((n, c) => n + (model.docs[c] ?? 0), 0);
  const known = [...bag].filter(([f]) => model.counts[f] !== undefined);
  const scores = new Map<Category, number>();
  for (const c of CATEGORIES) {
    let s = Math.log(((model.docs[c] ?? 0) + 1) / (totalDocs + CATEGORIES.length));
    for (const [f, w] of known) s += w * logLikelihood(model, f, c);
    scores.set(c, s);
  }
  return {
    scores,
    rules: useRules ? firedRules(text) : [],
    weight: known.reduce((n, [, w]) => n + w, 0),
  };
}

/**
 * Naive Bayes sums one log-likelihood per feature as if they were independent; bigrams of one
 * phrase are not, so raw posteriors are near 0 or 1 for any long text. Dividing by a
 * temperature that grows with the square root of the evidence keeps confidence meaningful
 * (clear texts still score high, texts whose evidence splits score low); the rule boosts are
 * then added on that calibrated scale.
 */
function posterior(model: NbModel, scored: Scored): [Category, number][] {
  const t = Math.max(1, model.temperature * Math.sqrt(scored.weight));
  const max = Math.max(...scored.scores.values());
  const logits = [...scored.scores].map(([c, s]): [Category, number] => [
    c,
    (s - max) / t + scored.rules.reduce((n, r) => n + (r.category === c ? r.boost : 0), 0),
  ]);
  const top = Math.max(...logits.map(([, l]) => l));
  const exp = logits.map(([c, l]): [Category, number] => [c, Math.exp(l - top)]);
  const z = exp.reduce((n, [, e]) => n + e, 0);
  return exp.map(([c, e]): [Category, number] => [c, e / z]).sort((a, b) => b[1] - a[1]);
}

function evidence(model: NbModel, bag: FeatureBag, winner: Category, runnerUp: Category): Evidence[] {
  return [...bag]
    .filter(([f]) => model.counts[f] !== undefined)
    .map(([f, w]) => ({ feature: f, weight: w * (logLikelihood(model, f, winner) - logLikelihood(model, f, runnerUp)) }))
    .filter((e) => e.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 6)
    .map((e) => ({ feature: e.feature, weight: Math.round(e.weight * 100) / 100 }));
}

export function classify(model: NbModel, text: string, options: ClassifyOptions = {}): Classification {
  const prepared = prepare(text);
  const scored = score(model, prepared, options.rules ?? true);
  const [first, second] = posterior(model, scored);
  // CATEGORIES has 13 entries, so both exist; the fallback only satisfies the type checker.
  const [category, confidence] = first ?? ['how_to', 0];
  const [runnerUpCategory, runnerUpConfidence] = second ?? ['how_to', 0];
  return {
    category,
    confidence,
    runnerUp: { category: runnerUpCategory, confidence: runnerUpConfidence },
    rules: scored.rules.map((r) => r.id),
    evidence: evidence(model, prepared.bag, category, runnerUpCategory),
  };
}

/**
 * Below this the category is a guess (a third right in cross-validation, e.g. a bare 你好):
 * better left unset until the bot has asked for the order number and the symptom.
 */
export const MIN_CONFIDENCE = 0.3;

/** How many opening customer messages decide a conversation's category; later ones drift. */
export const OPENING_MESSAGES = 3;

export function classifyConversation(model: NbModel, customerMessages: readonly string[]): Classification {
  const opening = customerMessages.map((m) => m.trim()).filter(Boolean).slice(0, OPENING_MESSAGES);
  return classify(model, opening.join('\n'));
}

export interface LearnResult {
  before: Category;
  after: Category;
  confidence: number;
  /** Count updates applied; more than one when the old evidence (or a rule) was strong. */
  rounds: number;
}

/** Enough to beat a strong rule on the same text; bounded so one odd override can't swamp a class. */
const MAX_LEARN_ROUNDS = 8;
const LEARN_TARGET_CONFIDENCE = 0.6;

/**
 * Folds an agent's correction into the model in place: the text is added as an example of
 * the correct category, repeated (error-driven) until that text classifies there with some
 * margin, so near-identical messages follow the agent's judgement from now on.
 */
export function learn(model: NbModel, text: string, correct: Category): LearnResult {
  const { bag } = prepare(text);
  const before = classify(model, text).category;
  let now: Classification;
  let rounds = 0;
  do {
    addExample(model, bag, correct);
    rounds += 1;
    now = classify(model, text);
  } while ((now.category !== correct || now.confidence < LEARN_TARGET_CONFIDENCE) && rounds < MAX_LEARN_ROUNDS);
  model.overrides += 1;
  return { before, after: now.category, confidence: now.confidence, rounds };
}

export function serialiseModel(model: NbModel): string {
  return JSON.stringify(model);
}

/** Validates a persisted model; throws on anything that is not one. */
export function parseModel(json: string): NbModel {
  return NbModel.parse(JSON.parse(json));
}
