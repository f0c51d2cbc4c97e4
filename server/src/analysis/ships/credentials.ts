// The files that hold credentials by their name alone (issue 26's list: the files users report shipped with
// tokens in them: npm/docs#1020, openfaas/templates#104). Not `*.pem` nor `*.key`: public keys and CA
// certificates share those extensions (a project's signing key, `jenkins.io-2026.key`), and the name cannot tell
// them from private ones. Not `*.pub`, not `.env.example`.
import { posix } from '../posixPath';

/** Base names that are credential files. */
export const CREDENTIAL_NAMES: ReadonlySet<string> = new Set(['.npmrc', '.pypirc', '.netrc', '.git-credentials', '.env', 'id_rsa', 'id_ecdsa', 'id_ed25519', 'id_dsa', 'kubeconfig']);

/** Paths that are credential files by their last two elements. */
export const CREDENTIAL_TAILS: readonly string[] = ['.docker/config.json', '.aws/credentials', '.kube/config'];

/** The credential file a path names (`.npmrc`, `.aws/credentials`), or undefined. */
export function credentialFile(path: string): string | undefined {
  const name = posix.basename(path);
  if (CREDENTIAL_NAMES.has(name)) return name;
  return CREDENTIAL_TAILS.find((tail) => path === tail || path.endsWith(`/${tail}`));
}
