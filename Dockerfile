# syntax=docker/dockerfile:1
# Build stage: install with dev tools, type-check and lint, then drop dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run lint && npm prune --omit=dev

# Runtime stage: only what runs, as a non-root user, the data folder on a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3978
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/bin ./bin
COPY --from=build --chown=root:root /app/src ./src
COPY --from=build --chown=root:root /app/adapters ./adapters
COPY --from=build --chown=root:root /app/runbooks ./runbooks
RUN groupadd --system ic && useradd --system --gid ic --home-dir /nonexistent --shell /usr/sbin/nologin ic \
 && mkdir -p /data && chown ic:ic /data
USER ic
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# stdin is closed in a container: serve keeps serving without the console.
CMD ["node", "bin/incident-commander.js", "serve"]
