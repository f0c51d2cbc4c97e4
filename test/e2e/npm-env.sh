# Sourced by setup.sh before it runs npm itself. `npm test` runs under the outer npm, which exports its whole
# configuration as npm_config_* (and npm_execpath, NODE, INIT_CWD, ...). A nested npm reads those as its own
# configuration: code-server's postinstall then took the Node version from the outer npm_config_user_agent
# (node/v20) although Node 24 comes first on PATH, and failed. The nested npm reads its npmrc files as usual.
while IFS= read -r name; do
  unset "$name"
done < <(compgen -e | grep -E '^(npm_|NODE$|INIT_CWD$)')
