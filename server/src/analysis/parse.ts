// The one place that calls dockerfile-ast's parser, and works around what it gets wrong for us.
import { DockerfileParser, Dockerfile } from 'dockerfile-ast';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Parses a Dockerfile. BuildKit ignores a leading byte order mark, but dockerfile-ast would read it as part of
 * the first keyword (`\uFEFFFROM`); a space of the same length (one UTF-16 unit) keeps every column where it was.
 */
export function parseDockerfile(text: string): Dockerfile {
  const source = text.startsWith(BYTE_ORDER_MARK) ? ' ' + text.slice(1) : text;
  return DockerfileParser.parse(source);
}
