# syntax=docker/dockerfile:1
#
# The gateway's production image: `docker build -t auth-events-gateway .`, then run it with the
# settings of .env.example (docs/deployment.md): `docker run --env-file .env -p 4000:4000 …`.
# Two stages: the first installs everything and compiles the gateway; the last installs the
# gateway's production dependencies only and copies in the compiled gateway, nothing else (no
# emulator, no tools, no TypeScript). test/deploy/deployment-kit.test.ts checks this file
# against the code; this project's machines have no container engine, so nothing here builds it.

# Node.js 22 LTS: package.json allows 20 or 22 and later, Node 20 left support in April 2026, and
# a production dependency (@whatwg-node/promise-helpers, under @apollo/server) asks for >= 22.15.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# npm ci installs what the lock file names, every workspace's dependencies included, so each
# workspace's package.json comes first (their sources are needed neither to install nor to build).
COPY package.json package-lock.json ./
COPY packages/cognito-emulator/package.json packages/cognito-emulator/
COPY tools/bench/package.json tools/bench/
COPY tools/local-stack/package.json tools/local-stack/
COPY tools/reliability/package.json tools/reliability/
COPY examples/activity-page/package.json examples/activity-page/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src/ src/
# `npm run build` compiles src/ alone into dist/src/.
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --workspaces=false: the gateway's own production dependencies only. Without it npm installs
# every workspace's dependencies as well (the emulator's jose, the explorer's React among them).
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src/ dist/src/
# The base image's unprivileged user (uid 1000); the files above stay root's, read-only to it.
USER node
EXPOSE 4000
# /healthz is liveness: the process serves requests (it calls nothing). The image has no curl;
# Node's own fetch asks.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The compiled gateway, started directly: no compile at start, and node (not npm) receives SIGTERM.
CMD ["node", "dist/src/index.js"]
