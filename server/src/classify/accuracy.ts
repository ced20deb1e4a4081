/**
 * Prints the classifier's accuracy on the labelled set as JSON:
 *   npx tsx server/src/classify/accuracy.ts
 * Held-out: train on a deterministic stratified 70 %, score the other 30 %.
 * Cross-validation: stratified 5-fold, every example scored once by a model that never saw it.
 * Unseen: the model trained on the whole labelled set, scored on messages written after the
 * model was frozen. The `withoutRules` numbers show what the statistics achieve alone, since
 * the phrase rules were written by someone who had read the labelled data.
 */
import { LABELLED, UNSEEN, folds, heldOutSplit } from './dataset';
import { crossValidate, evaluate } from './report';

const split = heldOutSplit(LABELLED);
const heldOut = evaluate(split);
const { misses: _cvMisses, ...crossValidation } = crossValidate(folds(LABELLED, 5));

process.stdout.write(
  `${JSON.stringify(
    {
      dataset: { examples: LABELLED.length, train: split.train.length, test: split.test.length, unseen: UNSEEN.length },
      heldOut,
      crossValidation,
      unseen: evaluate({ train: [...LABELLED], test: [...UNSEEN] }),
      withoutRules: {
        heldOutAccuracy: evaluate(split, { rules: false }).accuracy,
        crossValidationAccuracy: crossValidate(folds(LABELLED, 5), { rules: false }).accuracy,
      },
    },
    null,
    2,
  )}\n`,
);
