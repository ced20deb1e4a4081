import { safeStorage } from 'electron';
import { isStrongStorageBackend, type TokenCipher } from './token-store';

/** safeStorage as the token store's cipher (the async API; the sync one is deprecated). */
export function safeStorageCipher(): TokenCipher {
  return {
    async isAvailable() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
      return isStrongStorageBackend(process.platform, backend);
    },
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    async decrypt(data) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data));
      return { plainText: result, reEncrypt: shouldReEncrypt };
    },
  };
}
