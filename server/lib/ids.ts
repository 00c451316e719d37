import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

// uuid's v7 asks the system for 16 random bytes per id; a resident message makes several ids, so
// take them from a pool refilled 4 KiB at a time, and keep uuid's monotonic (msecs, seq) state here.
const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;
const state = { msecs: -Infinity, seq: 0 };

function randomBytes16(): Uint8Array {
  if (offset + 16 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

/** A new sortable id (UUIDv7 text); ids made later in this process sort after earlier ones. */
export function newId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > state.msecs) {
    // A fresh 31-bit counter start in each millisecond, as uuid does.
    state.seq =
      (((random[6] ?? 0) & 0x7f) << 24) | ((random[7] ?? 0) << 16) | ((random[8] ?? 0) << 8) | (random[9] ?? 0);
    state.msecs = now;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return uuidv7({ random, msecs: state.msecs, seq: state.seq });
}
