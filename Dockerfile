# blindspot's container image: a static binary on a minimal base, run as a
# non-root user, scanning the directory mounted at /src:
#
#   docker build -t blindspot .
#   docker run --rm -v "$PWD:/src" blindspot scan .
#
# Release builds pass VERSION and COMMIT (.github/workflows/release.yml);
# `blindspot version` prints them.

ARG GO_VERSION=1.26.8

FROM golang:${GO_VERSION} AS build
WORKDIR /build
# Dependencies first, so that a change to the sources reuses their layer.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
ARG COMMIT=""
# CGO_ENABLED=0: a static binary, which needs nothing from the base image.
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/blindspot ./cmd/blindspot \
 && /out/blindspot version

# distroless/static: CA certificates (for --download-modules over https),
# /etc/passwd with the nonroot user (65532) and its home, and nothing else:
# no shell, no package manager.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/blindspot /usr/local/bin/blindspot
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["blindspot"]
CMD ["scan", "."]
