import { newId } from '../../../protocol';
import type { KadeskDb } from './db';

/** Highest server version applied locally; 0 before the first pull. */
export async function readCursor(db: KadeskDb): Promise<number> {
  const row = await db.meta.get('cursor');
  return row?.key === 'cursor' ? row.value : 0;
}

export async function writeCursor(db: KadeskDb, cursor: number): Promise<void> {
  await db.meta.put({ key: 'cursor', value: cursor });
}

/** This workstation's id for push requests, minted once per local database. */
export async function clientIdOf(db: KadeskDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('clientId');
    if (row?.key === 'clientId') return row.value;
    const clientId = newId();
    await db.meta.put({ key: 'clientId', value: clientId });
    return clientId;
  });
}
