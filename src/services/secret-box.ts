/**
 * Seals short secrets kept at rest (TOTP secrets) with AES-256-GCM under a key derived (HKDF-SHA-256)
 * from the session secret. A sealed value read under another key, or altered, does not open (null).
 */
import crypto from 'node:crypto';

const VERSION = 'v1';

export function secretBox(masterSecret: string) {
  const key = Buffer.from(crypto.hkdfSync('sha256', masterSecret, 'hearth', 'totp-secret', 32));
  return {
    seal(plain: string): string {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed: string): string | null {
      const [version, data] = sealed.split('.');
      if (version !== VERSION || !data) return null;
      const raw = Buffer.from(data, 'base64url');
      if (raw.length < 29) return null;
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
export type SecretBox = ReturnType<typeof secretBox>;
