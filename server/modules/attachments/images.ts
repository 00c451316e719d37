import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../lib/errors.js';

// Photos are re-encoded before they are stored: turned upright, stripped of every metadata block
// (EXIF GPS positions, camera serials), bounded in size, and given a small thumbnail.

export const MAX_IMAGE_SIDE = 2048;
export const THUMBNAIL_SIDE = 320;
/** Decoded pixels an upload may have; a 10 MB PNG of one colour can otherwise expand to gigabytes. */
export const MAX_INPUT_PIXELS = 50_000_000;

export interface ReencodedImage {
  data: Buffer;
  thumbnail: Buffer;
  mime: 'image/jpeg' | 'image/webp';
  ext: 'jpg' | 'webp';
  width: number;
  height: number;
}

export class ImageTooLargeError extends AppError {
  constructor() {
    super('unprocessable', 'image_too_large', `The image has more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels`);
  }
}

export class InvalidImageError extends AppError {
  constructor() {
    super('unprocessable', 'invalid_image', 'The image could not be read');
  }
}

function decoder(data: Buffer): Sharp {
  // Only the first frame of an animated GIF or WebP is kept.
  return sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false });
}

/** Re-encodes an uploaded image (JPEG, or WebP when it has transparency) and makes its thumbnail. */
export async function reencodeImage(data: Buffer): Promise<ReencodedImage> {
  let hasAlpha: boolean;
  try {
    const meta = await sharp(data, { limitInputPixels: false }).metadata();
    if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) throw new ImageTooLargeError();
    hasAlpha = meta.hasAlpha;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new InvalidImageError();
  }
  const encode = (img: Sharp): Sharp =>
    hasAlpha ? img.webp({ quality: 85 }) : img.jpeg({ quality: 82, mozjpeg: true });
  try {
    // rotate() without an angle applies the EXIF orientation; sharp writes no metadata unless asked.
    const full = await encode(
      decoder(data).rotate().resize(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, { fit: 'inside', withoutEnlargement: true }),
    ).toBuffer({ resolveWithObject: true });
    const thumbnail = await encode(
      decoder(full.data).resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true }),
    ).toBuffer();
    return {
      data: full.data,
      thumbnail,
      mime: hasAlpha ? 'image/webp' : 'image/jpeg',
      ext: hasAlpha ? 'webp' : 'jpg',
      width: full.info.width,
      height: full.info.height,
    };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw new ImageTooLargeError();
    throw new InvalidImageError();
  }
}
