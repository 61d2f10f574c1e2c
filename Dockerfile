# drsim container image: `docker run IMAGE run scenarios/default.yaml` is `drsim run scenarios/default.yaml`.
# Used by the manifests of `drsim k8s` (and by Slurm through Apptainer). See docs/scaling-out.md.
#
#   docker build -t drsim .
#   docker run --rm -v "$PWD/results:/app/results" drsim run scenarios/default.yaml -n 100000
ARG NODE_IMAGE=node:20-bookworm-slim

# Build: all dependencies (TypeScript), then compile src/ to dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies, the compiled CLI and the data it reads; no compiler, no sources.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY models ./models
COPY scenarios ./scenarios
COPY assets ./assets
# Runs as the image's non-root `node` user (uid/gid 1000, what the Kubernetes manifests expect);
# `drsim run` writes results/<scenario>/ under the working directory: /app/results, a volume.
RUN mkdir -p /app/results && chown node:node /app/results
USER node
VOLUME ["/app/results"]
# bin/drsim: dist/cli.js under node, with the malloc setting that keeps a long run's memory flat.
ENTRYPOINT ["/app/bin/drsim"]
CMD ["--help"]
