# Sourced by setup.sh before it runs npm itself. `npm test` runs under the outer npm, which exports its whole
# configuration as npm_config_* (and npm_execpath, NODE, INIT_CWD, ...). A nested npm reads those as its own
# configuration: code-server's postinstall then took the Node version from the outer npm_config_user_agent
# (node/v20) although Node 24 comes first on PATH, and failed. The nested npm reads its npmrc files as usual.
# Kept: how this machine reaches the registry (registry, proxies, TLS certificates). The nested npm is Node 24's,
# whose global npmrc is not the system npm's: where the certificate of a TLS-inspecting proxy is configured
# only there (as `cafile` in /usr/etc/npmrc on this project's build machine), dropping it made the install fail
# with "self-signed certificate in certificate chain".
while IFS= read -r name; do
  unset "$name"
done < <(compgen -e | grep -E '^(npm_|NODE$|INIT_CWD$)' | grep -vE '^npm_config_(registry|proxy|https_proxy|noproxy|cafile|ca|cert|key|strict_ssl)$')
