import crypto from 'node:crypto';

// A self-signed TLS certificate for 127.0.0.1 and localhost, made in memory for one test run: a
// local HTTPS server presents it and only the test's own https.Agent trusts it (no global switch
// such as NODE_TLS_REJECT_UNAUTHORIZED). X.509 is written here as DER by hand, the few fields a
// TLS client checks: P-256 key, ECDSA-SHA256 signature, validity, subjectAltName.

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const oid = (bytes: number[]) => der(0x06, Buffer.from(bytes));
const utcTime = (at: Date) => der(0x17, Buffer.from(at.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));

// 1.2.840.10045.4.3.2 ecdsa-with-SHA256; 2.5.4.3 commonName; 2.5.29.17 subjectAltName.
const ECDSA_SHA256 = seq(oid([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]));
const COMMON_NAME = oid([0x55, 0x04, 0x03]);
const SUBJECT_ALT_NAME = oid([0x55, 0x1d, 0x11]);

/** A key and certificate (PEM) valid for a day, for https://127.0.0.1 and https://localhost. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const name = seq(der(0x31, seq(COMMON_NAME, der(0x0c, Buffer.from('localhost')))));
  const now = Date.now();
  const altNames = seq(der(0x82, Buffer.from('localhost')), der(0x87, Buffer.from([127, 0, 0, 1])));
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, Buffer.concat([Buffer.from([1]), crypto.randomBytes(8)])),
    ECDSA_SHA256,
    name,
    seq(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + 24 * 3600_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, seq(seq(SUBJECT_ALT_NAME, der(0x04, altNames)))),
  );
  const signature = crypto.sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const certificate = seq(tbs, ECDSA_SHA256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const body = certificate
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim();
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`,
  };
}
