/** Scans of a printed invitation counted per address and link in a window: rescanning a poster counts little. */
export const SCANS_COUNTED = { max: 3, windowMs: 10 * 60_000 };
