import sharp from 'sharp';
import type { Board, BoardMessage } from '../../contracts/board.js';
import { call, PUBLIC } from './broadcasts.js';
import type { TestEnv } from './helper.js';
import { multipart, type Part } from './uploads.js';

// Residents on residential groups' boards in tests: reading, writing text and photos.

export const board = (groupId: string) => `${PUBLIC}/groups/${groupId}/board`;

/** Reads the board as `cookie`; fails the test unless it answers 200. */
export async function readBoard(env: TestEnv, cookie: string, groupId: string, query = ''): Promise<Board> {
  const res = await call(env, cookie, 'GET', `${board(groupId)}${query}`);
  if (res.statusCode !== 200) throw new Error(`board refused: ${res.statusCode} ${res.body}`);
  return res.json<Board>();
}

/** Writes a text message as `cookie`; fails the test unless it is created. */
export async function write(env: TestEnv, cookie: string, groupId: string, text: string): Promise<BoardMessage> {
  const res = await call(env, cookie, 'POST', board(groupId), { text });
  if (res.statusCode !== 201) throw new Error(`write refused: ${res.statusCode} ${res.body}`);
  return res.json<BoardMessage>();
}

/** Posts a multipart photo message (a caption field, then the file) and returns the response. */
export function postPhoto(env: TestEnv, cookie: string, groupId: string, parts: Part[]) {
  const body = multipart(parts);
  return env.app.inject({
    method: 'POST',
    url: `${board(groupId)}/photo`,
    headers: { ...body.headers, ...(cookie ? { cookie } : {}) },
    payload: body.payload,
  });
}

/** A JPEG carrying an EXIF GPS position, as a phone camera writes it. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 30, g: 120, b: 60 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '18/1 20/1 30/1' } })
    .toBuffer();
}
