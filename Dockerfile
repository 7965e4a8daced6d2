# FAQ API image. Build:   docker build -t faq-api .
#                 Run:     docker run --rm -p 3000:3000 faq-api
# Stage 1 compiles TypeScript and seeds seeds/ into data/faq.db; stage 2 holds
# only production dependencies, the compiled code, migrations, seeds and the
# built database, and serves it read-only as the unprivileged `node` user.
#
# Your own content, baked in (recommended for production: the image is the
# release): put your *.md files (and synonyms.yaml) in seeds/ and build.
# Your own content, mounted at run time (re-seeded on every start into /tmp):
#   docker run --rm -p 3000:3000 -v "$PWD/my-faq:/app/seeds:ro" \
#     -e DATABASE_PATH=/tmp/faq.db faq-api node dist/server.js --seed
# (/app/seeds is that documented mount point; it is not declared as a VOLUME,
# which would give every plain `docker run` an anonymous volume for nothing.)

FROM node:20-bookworm-slim AS build
# No prebuilt better-sqlite3 binary can be downloaded here: compile it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci's postinstall applies patches/ (patch-package) to node_modules.
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build
COPY migrations ./migrations
COPY seeds ./seeds
# Seed with the compiled CLI (tsx is a dev dependency; --no-cache: a parse
# cache in node_modules/.cache would only bloat the image), then drop dev
# dependencies and better-sqlite3's build leftovers (sources, object files).
RUN SEEDS_DIR=/app/seeds DATABASE_PATH=/app/data/faq.db node dist/cli/seed.js --no-cache \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
      node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/obj.target \
      node_modules/better-sqlite3/build/Release/.deps node_modules/better-sqlite3/build/deps \
      node_modules/better-sqlite3/build/Release/test_extension.node \
 && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SEEDS_DIR=/app/seeds \
    DATABASE_PATH=/app/data/faq.db \
    LOG_LEVEL=info
WORKDIR /app
# Everything is owned by root and only readable by `node`: the process cannot
# change its own code or database (it opens the database read-only anyway).
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/seeds ./seeds
# Copied after seeds/ so the database is never older than the seed files
# (an older database would make the server try to re-seed at start).
COPY --from=build /app/data/faq.db ./data/faq.db
# The base image's `node` user, numerically, so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
# node, not curl: the slim image has no curl.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node runs as PID 1 (the base image's entrypoint execs it) and the
# server handles SIGTERM itself — stop accepting, finish in-flight requests,
# close the database, exit 0.
CMD ["node", "dist/server.js"]
