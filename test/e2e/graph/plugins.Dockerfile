# syntax=docker/dockerfile:1
# A made-up plugin platform for the stage graph test (test/e2e/graph.js): a Go server, a web front end and
# twenty plugins, each fetched in its own stage from one base and built in another, then gathered in one stage.
ARG GO_VERSION=1.22
ARG NODE_VERSION=20
ARG BASE_IMAGE=registry.example.com/platform/base-images/debian-bookworm-slim-with-ca-certificates:2024.06.1@sha256:16daa519bad5c31be2271f2aecb4d519758587ad53ad96007d31766b94561b01

FROM ${BASE_IMAGE} AS build-deps
RUN apt-get update && apt-get install -y --no-install-recommends git curl ca-certificates make

FROM golang:${GO_VERSION}-bookworm AS go-base
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download

FROM node:${NODE_VERSION}-bookworm-slim AS web-base
WORKDIR /web

FROM build-deps AS plugin-auth-src
ARG PLUGIN_AUTH_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_AUTH_REF" https://git.example.com/plugins/auth.git /plugin

FROM go-base AS plugin-auth-build
COPY --from=plugin-auth-src /plugin ./plugins/auth
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/auth.so ./plugins/auth

FROM build-deps AS plugin-billing-src
ARG PLUGIN_BILLING_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_BILLING_REF" https://git.example.com/plugins/billing.git /plugin

FROM go-base AS plugin-billing-build
COPY --from=plugin-billing-src /plugin ./plugins/billing
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/billing.so ./plugins/billing

FROM build-deps AS plugin-cache-src
ARG PLUGIN_CACHE_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_CACHE_REF" https://git.example.com/plugins/cache.git /plugin

FROM go-base AS plugin-cache-build
COPY --from=plugin-cache-src /plugin ./plugins/cache
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/cache.so ./plugins/cache

FROM build-deps AS plugin-cron-src
ARG PLUGIN_CRON_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_CRON_REF" https://git.example.com/plugins/cron.git /plugin

FROM go-base AS plugin-cron-build
COPY --from=plugin-cron-src /plugin ./plugins/cron
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/cron.so ./plugins/cron

FROM build-deps AS plugin-search-src
ARG PLUGIN_SEARCH_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_SEARCH_REF" https://git.example.com/plugins/search.git /plugin

FROM go-base AS plugin-search-build
COPY --from=plugin-search-src /plugin ./plugins/search
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/search.so ./plugins/search

FROM build-deps AS plugin-metrics-src
ARG PLUGIN_METRICS_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_METRICS_REF" https://git.example.com/plugins/metrics.git /plugin

FROM go-base AS plugin-metrics-build
COPY --from=plugin-metrics-src /plugin ./plugins/metrics
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/metrics.so ./plugins/metrics

FROM build-deps AS plugin-tracing-src
ARG PLUGIN_TRACING_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_TRACING_REF" https://git.example.com/plugins/tracing.git /plugin

FROM go-base AS plugin-tracing-build
COPY --from=plugin-tracing-src /plugin ./plugins/tracing
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/tracing.so ./plugins/tracing

FROM build-deps AS plugin-mailer-src
ARG PLUGIN_MAILER_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_MAILER_REF" https://git.example.com/plugins/mailer.git /plugin

FROM go-base AS plugin-mailer-build
COPY --from=plugin-mailer-src /plugin ./plugins/mailer
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/mailer.so ./plugins/mailer

FROM build-deps AS plugin-storage-src
ARG PLUGIN_STORAGE_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_STORAGE_REF" https://git.example.com/plugins/storage.git /plugin

FROM go-base AS plugin-storage-build
COPY --from=plugin-storage-src /plugin ./plugins/storage
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/storage.so ./plugins/storage

FROM build-deps AS plugin-webhooks-src
ARG PLUGIN_WEBHOOKS_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_WEBHOOKS_REF" https://git.example.com/plugins/webhooks.git /plugin

FROM go-base AS plugin-webhooks-build
COPY --from=plugin-webhooks-src /plugin ./plugins/webhooks
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/webhooks.so ./plugins/webhooks

FROM build-deps AS plugin-audit-src
ARG PLUGIN_AUDIT_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_AUDIT_REF" https://git.example.com/plugins/audit.git /plugin

FROM go-base AS plugin-audit-build
COPY --from=plugin-audit-src /plugin ./plugins/audit
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/audit.so ./plugins/audit

FROM build-deps AS plugin-geo-src
ARG PLUGIN_GEO_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_GEO_REF" https://git.example.com/plugins/geo.git /plugin

FROM go-base AS plugin-geo-build
COPY --from=plugin-geo-src /plugin ./plugins/geo
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/geo.so ./plugins/geo

FROM build-deps AS plugin-i18n-src
ARG PLUGIN_I18N_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_I18N_REF" https://git.example.com/plugins/i18n.git /plugin

FROM go-base AS plugin-i18n-build
COPY --from=plugin-i18n-src /plugin ./plugins/i18n
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/i18n.so ./plugins/i18n

FROM build-deps AS plugin-export-src
ARG PLUGIN_EXPORT_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_EXPORT_REF" https://git.example.com/plugins/export.git /plugin

FROM go-base AS plugin-export-build
COPY --from=plugin-export-src /plugin ./plugins/export
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/export.so ./plugins/export

FROM build-deps AS plugin-import-src
ARG PLUGIN_IMPORT_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_IMPORT_REF" https://git.example.com/plugins/import.git /plugin

FROM go-base AS plugin-import-build
COPY --from=plugin-import-src /plugin ./plugins/import
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/import.so ./plugins/import

FROM build-deps AS plugin-sso-src
ARG PLUGIN_SSO_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_SSO_REF" https://git.example.com/plugins/sso.git /plugin

FROM go-base AS plugin-sso-build
COPY --from=plugin-sso-src /plugin ./plugins/sso
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/sso.so ./plugins/sso

FROM build-deps AS plugin-ratelimit-src
ARG PLUGIN_RATELIMIT_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_RATELIMIT_REF" https://git.example.com/plugins/ratelimit.git /plugin

FROM go-base AS plugin-ratelimit-build
COPY --from=plugin-ratelimit-src /plugin ./plugins/ratelimit
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/ratelimit.so ./plugins/ratelimit

FROM build-deps AS plugin-flags-src
ARG PLUGIN_FLAGS_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_FLAGS_REF" https://git.example.com/plugins/flags.git /plugin

FROM go-base AS plugin-flags-build
COPY --from=plugin-flags-src /plugin ./plugins/flags
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/flags.so ./plugins/flags

FROM build-deps AS plugin-queue-src
ARG PLUGIN_QUEUE_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_QUEUE_REF" https://git.example.com/plugins/queue.git /plugin

FROM go-base AS plugin-queue-build
COPY --from=plugin-queue-src /plugin ./plugins/queue
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/queue.so ./plugins/queue

FROM build-deps AS plugin-notify-src
ARG PLUGIN_NOTIFY_REF=main
RUN git clone --depth 1 --branch "$PLUGIN_NOTIFY_REF" https://git.example.com/plugins/notify.git /plugin

FROM go-base AS plugin-notify-build
COPY --from=plugin-notify-src /plugin ./plugins/notify
RUN --mount=type=cache,target=/root/.cache/go-build go build -buildmode=plugin -o /out/notify.so ./plugins/notify

FROM scratch AS plugins-all
COPY --from=plugin-auth-build /out/auth.so /plugins/
COPY --from=plugin-billing-build /out/billing.so /plugins/
COPY --from=plugin-cache-build /out/cache.so /plugins/
COPY --from=plugin-cron-build /out/cron.so /plugins/
COPY --from=plugin-search-build /out/search.so /plugins/
COPY --from=plugin-metrics-build /out/metrics.so /plugins/
COPY --from=plugin-tracing-build /out/tracing.so /plugins/
COPY --from=plugin-mailer-build /out/mailer.so /plugins/
COPY --from=plugin-storage-build /out/storage.so /plugins/
COPY --from=plugin-webhooks-build /out/webhooks.so /plugins/
COPY --from=plugin-audit-build /out/audit.so /plugins/
COPY --from=plugin-geo-build /out/geo.so /plugins/
COPY --from=plugin-i18n-build /out/i18n.so /plugins/
COPY --from=plugin-export-build /out/export.so /plugins/
COPY --from=plugin-import-build /out/import.so /plugins/
COPY --from=plugin-sso-build /out/sso.so /plugins/
COPY --from=plugin-ratelimit-build /out/ratelimit.so /plugins/
COPY --from=plugin-flags-build /out/flags.so /plugins/
COPY --from=plugin-queue-build /out/queue.so /plugins/
COPY --from=plugin-notify-build /out/notify.so /plugins/

FROM web-base AS web-deps
COPY web/package.json web/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM web-deps AS web-build
COPY web/ ./
RUN npm run build

FROM go-base AS server-build
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/server ./cmd/server

FROM build-deps AS migrations
COPY migrations/ /migrations/

FROM server-build AS test-unit
RUN --mount=type=cache,target=/root/.cache/go-build go test ./...

FROM server-build AS test-integration
RUN --mount=type=bind,from=plugins-all,source=/plugins,target=/plugins go test -tags integration ./integration/...

FROM golangci/golangci-lint:v1.59-alpine AS lint
WORKDIR /src
COPY --from=server-build /src ./
RUN golangci-lint run

FROM web-deps AS docs
COPY docs/ ./docs/
RUN npm run docs

FROM gcr.io/distroless/static-debian12:nonroot AS release
COPY --from=server-build /out/server /usr/local/bin/server
COPY --from=plugins-all /plugins /usr/local/lib/plugins
COPY --from=web-build /web/dist /usr/share/web
COPY --from=migrations /migrations /usr/share/migrations
ENTRYPOINT ["/usr/local/bin/server"]
