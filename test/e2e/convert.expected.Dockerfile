FROM golang:1.22 AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY *.go ./
RUN CGO_ENABLED=0 GOOS=linux go build -o /docker-gs-ping

# Runtime: only /docker-gs-ping from the build; the sources, the golang toolchain and its environment, and all else the build made are not in this image.
FROM gcr.io/distroless/static-debian12
WORKDIR /app
COPY --from=build /docker-gs-ping /docker-gs-ping
EXPOSE 8080
CMD ["/docker-gs-ping"]
