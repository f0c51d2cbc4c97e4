// Docker's image reference grammar, as BuildKit parses a base name or a `--from` image (resolveBaseImage in
// dockerfile2llb/convert.go calls reference.ParseNormalizedNamed): github.com/distribution/reference as BuildKit
// 73ed682 vendors it (regexp.go for the grammar, normalize.go for ParseNormalizedNamed and splitDockerDomain,
// reference.go for Parse), and the digest check of github.com/opencontainers/go-digest (Digest.Validate).
// The error messages are Go's, word for word.

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const DOMAIN_NAME_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*`;
const HOST = `(?:${DOMAIN_NAME}|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
/** go-digest's DigestRegexpAnchored: what an unknown algorithm's digest must look like to be merely unsupported. */
const GO_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** The digest algorithms go-digest knows, with the length of their hex encoding (algorithm.go). */
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const REPOSITORY_NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';

/** Why ParseNormalizedNamed rejects the name, in its words; undefined when it is a valid image reference. */
export function imageReferenceError(name: string): string | undefined {
  if (IDENTIFIER.test(name)) return `invalid repository name (${name}), cannot specify 64-byte hexadecimal strings`;
  const { domain, remainder } = splitDockerDomain(name);
  const tagSeparator = remainder.indexOf(':');
  const remote = tagSeparator > -1 ? remainder.slice(0, tagSeparator) : remainder;
  if (remote.toLowerCase() !== remote) return `invalid reference format: repository name (${remote}) must be lowercase`;
  return parseError(`${domain}/${remainder}`);
}

/** reference.Parse: the grammar, the path's length, the digest. */
function parseError(text: string): string | undefined {
  const match = REFERENCE.exec(text);
  if (!match) return REFERENCE.test(text.toLowerCase()) ? 'repository name must be lowercase' : 'invalid reference format';
  const path = ANCHORED_NAME.exec(match[1])?.[2] ?? match[1];
  if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) return `repository name must not be more than ${REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters`;
  return match[3] === undefined ? undefined : digestError(match[3]);
}

/** go-digest's Digest.Validate. */
function digestError(digest: string): string | undefined {
  const separator = digest.indexOf(':');
  const algorithm = digest.slice(0, separator);
  const encoded = digest.slice(separator + 1);
  const length = DIGEST_LENGTHS[algorithm];
  if (length === undefined) return GO_DIGEST.test(digest) ? 'unsupported digest algorithm' : 'invalid checksum digest format';
  if (encoded.length !== length) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(encoded) ? undefined : 'invalid checksum digest format';
}

/**
 * normalize.go's splitDockerDomain: a first part is a registry only as `localhost`, with a `.` or `:`, or with upper
 * case (`index.docker.io` is Docker Hub's old name).
 */
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { domain: DEFAULT_DOMAIN, remainder: `library/${name}` };
  const maybeDomain = name.slice(0, slash);
  const maybeRemainder = name.slice(slash + 1);
  let domain = DEFAULT_DOMAIN;
  let remainder = name;
  if (maybeDomain === 'index.docker.io') {
    remainder = maybeRemainder;
  } else if (maybeDomain === 'localhost' || /[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) {
    domain = maybeDomain;
    remainder = maybeRemainder;
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = `library/${remainder}`;
  return { domain, remainder };
}
