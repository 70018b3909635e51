/**
 * The secret part of the bundle, encrypted to one instance's public key so
 * that only that instance (holding the private key it made at boot) can read
 * it. Formats the agent opens with the openssl CLI alone (no AEAD there):
 *
 *   sealed = RSA-OAEP-SHA256(pubkey, "<passphrase hex>\n<sha256 hex of plaintext>\n")   (256 bytes)
 *          || `openssl enc -aes-256-cbc -pbkdf2 -iter 1 -md sha256` of the plaintext with that passphrase
 *
 * The passphrase is 256 random bits, so one PBKDF2 iteration is enough; the
 * sha256 inside the wrapped part lets the agent check the plaintext it got.
 */
import { createCipheriv, createHash, pbkdf2Sync, publicEncrypt, randomBytes, constants } from 'node:crypto';

export const WRAPPED_BYTES = 256;

export function sealForInstance(plaintext: Buffer, publicKeyPem: string): Buffer {
  const passphrase = randomBytes(32).toString('hex');
  const digest = createHash('sha256').update(plaintext).digest('hex');
  const wrapped = publicEncrypt(
    { key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(`${passphrase}\n${digest}\n`, 'utf8'),
  );
  if (wrapped.length !== WRAPPED_BYTES) throw new Error(`expected an RSA 2048 key, got ${wrapped.length * 8} bits`);
  const salt = randomBytes(8);
  const keyAndIv = pbkdf2Sync(passphrase, salt, 1, 48, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', keyAndIv.subarray(0, 32), keyAndIv.subarray(32));
  return Buffer.concat([wrapped, Buffer.from('Salted__', 'ascii'), salt, cipher.update(plaintext), cipher.final()]);
}
