import { CATEGORIES } from '../../../protocol/entities';
import type { Category } from '../../../protocol/entities';
import { classify, train } from './classifier';
import type { ClassifyOptions, LabelledExample, ModelOptions } from './classifier';
import type { Split } from './dataset';

export interface CategoryScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ConfusionPair {
  actual: Category;
  predicted: Category;
  count: number;
}

export interface Miss {
  text: string;
  actual: Category;
  predicted: Category;
  confidence: number;
}

export interface Report {
  examples: number;
  accuracy: number;
  /** Mean confidence when right and when wrong: a usable model is much surer when right. */
  meanConfidence: { correct: number; wrong: number };
  perCategory: Record<Category, CategoryScore>;
  /** Off-diagonal cells of the confusion matrix, most frequent first. */
  confusions: ConfusionPair[];
  misses: Miss[];
}

interface Prediction {
  example: LabelledExample;
  predicted: Category;
  confidence: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

type Options = ModelOptions & ClassifyOptions;

function predict(split: Split, options: Options): Prediction[] {
  const model = train(split.train, options);
  return split.test.map((example) => {
    const c = classify(model, example.text, options);
    return { example, predicted: c.category, confidence: c.confidence };
  });
}

function summarise(predictions: Prediction[]): Report {
  const perCategory = {} as Record<Category, CategoryScore>;
  for (const c of CATEGORIES) {
    const tp = predictions.filter((p) => p.predicted === c && p.example.category === c).length;
    const predicted = predictions.filter((p) => p.predicted === c).length;
    const support = predictions.filter((p) => p.example.category === c).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perCategory[c] = { precision: round(precision), recall: round(recall), f1: round(f1), support };
  }
  const wrong = predictions.filter((p) => p.predicted !== p.example.category);
  const pairs = new Map<string, ConfusionPair>();
  for (const p of wrong) {
    const key = `${p.example.category}>${p.predicted}`;
    const pair = pairs.get(key) ?? { actual: p.example.category, predicted: p.predicted, count: 0 };
    pair.count += 1;
    pairs.set(key, pair);
  }
  return {
    examples: predictions.length,
    accuracy: round(predictions.length ? 1 - wrong.length / predictions.length : 0),
    meanConfidence: {
      correct: round(mean(predictions.filter((p) => p.predicted === p.example.category).map((p) => p.confidence))),
      wrong: round(mean(wrong.map((p) => p.confidence))),
    },
    perCategory,
    confusions: [...pairs.values()].sort((a, b) => b.count - a.count || a.actual.localeCompare(b.actual)),
    misses: wrong.map((p) => ({
      text: p.example.text,
      actual: p.example.category,
      predicted: p.predicted,
      confidence: round(p.confidence),
    })),
  };
}

/** Trains on the split's train part and scores its test part. */
export function evaluate(split: Split, options: Options = {}): Report {
  return summarise(predict(split, options));
}

/** Pools the test predictions of every fold, so each example is scored exactly once. */
export function crossValidate(splits: readonly Split[], options: Options = {}): Report & { foldAccuracy: number[] } {
  const perFold = splits.map((s) => predict(s, options));
  return { ...summarise(perFold.flat()), foldAccuracy: perFold.map((p) => summarise(p).accuracy) };
}
