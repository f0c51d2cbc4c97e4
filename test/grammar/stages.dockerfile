# SYNTAX TEST "source.dockerfile" "stage declarations and references"
# syntax=docker/dockerfile:1
# check=skip=StageNameCasing
# a plain comment
ARG GO_VERSION=1.22
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build
from alpine as Release
FROM build
COPY --link --from=build /out/app /app
ONBUILD COPY --from=0 /a /b
RUN --mount=type=cache,target=/root/.cache,from=deps go build ./...
CMD ["/app", "--serve"]
ENV A="x $B" C='y'
RUN apt-get install -y \
      curl \
      git
RUN <<EOF
set -e
echo "$HOME"
EOF
COPY <<-'CONF' /etc/app.conf
	key = value
	CONF
USER app
