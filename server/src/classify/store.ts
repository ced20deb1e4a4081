import { newId } from '../../../protocol/ids';
import type { Category } from '../../../protocol/entities';
import type { Sql } from '../db/db';
import { defaultClassifier, learn, type LearnResult, type NbModel, parseModel, serialiseModel } from './index';

const MODEL_NAME = 'default';
/** The revision of "no saved model": the built-in one, the same in every process. */
const BUILT_IN = 'built-in';

// One model per process, shared read-only by every classification. Revisions are fresh ids,
// so a cached model can never stand for another database's.
let cached: { revision: string; model: NbModel } | null = null;

/**
 * The workspace's classifier: the saved one if agents have corrected it, else the built-in
 * model. A cheap revision check per call picks up corrections saved by other instances.
 * The model is shared: do not change it (learnCorrection works on a copy).
 */
export async function currentModel(sql: Sql): Promise<NbModel> {
  const { rows } = await sql.query<{ revision: string }>('SELECT revision FROM classifier_models WHERE name = $1', [MODEL_NAME]);
  const revision = rows[0]?.revision ?? BUILT_IN;
  if (cached?.revision === revision) return cached.model;
  let model: NbModel;
  if (revision === BUILT_IN) {
    model = defaultClassifier();
  } else {
    const saved = await sql.query<{ model: string }>('SELECT model FROM classifier_models WHERE name = $1', [MODEL_NAME]);
    model = parseModel(saved.rows[0]!.model);
  }
  cached = { revision, model };
  return model;
}

/**
 * Folds an agent's correction into the workspace model and saves it, in the caller's write
 * transaction (which serialises learners). Should the transaction roll back, the cache holds
 * a revision the database never got and the next currentModel reloads.
 */
export async function learnCorrection(tx: Sql, text: string, category: Category): Promise<LearnResult> {
  const model = structuredClone(await currentModel(tx));
  const result = learn(model, text, category);
  const revision = newId();
  await tx.query(
    `INSERT INTO classifier_models (name, revision, model) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET revision = EXCLUDED.revision, model = EXCLUDED.model, updated_at = now()`,
    [MODEL_NAME, revision, serialiseModel(model)],
  );
  cached = { revision, model };
  return result;
}
