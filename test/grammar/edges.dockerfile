# SYNTAX TEST "source.dockerfile" "what must not run away or be misread"
RUN echo "never closed
FROM base AS next
ONBUILD RUN <<-SCRIPT
	make
	SCRIPT
FROM --platform=${TARGETPLATFORM:-linux/amd64} scratch
COPY --chown=app:app --from=${STAGE} a b
RUN --mount=type=bind,source=.,target=/src,from=build-${TARGETOS} \
    --network=none make
#not a directive: ARG X
HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1
