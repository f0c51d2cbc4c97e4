# syntax=docker/dockerfile:1
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN go mod download
RUN go build -o /out/app ./cmd/app

FROM build AS test
RUN go test ./...

FROM alpine:3.20 AS release
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["app"]
