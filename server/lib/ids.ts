import { v7 as uuidv7 } from 'uuid';

/** A new sortable id (UUIDv7 text). */
export function newId(): string {
  return uuidv7();
}
