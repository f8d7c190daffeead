# The production image: compiled JavaScript on Node 24, production dependencies only, a non-root user, node
# itself as the process that receives SIGTERM. test/image/production-image.test.ts runs these same steps
# (it reads this file) on a machine without Docker, and answers the README's query from the result.
#
#   docker build -t graphql-n1-lab .
#   docker run -p 4000:4000 -e DATABASE_URL=postgres://… graphql-n1-lab

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json mikro-orm.config.ts ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The default SQLite file lives in data/: the one directory the app's user may write.
RUN mkdir -p data && chown node:node data
USER node
# Memory that fits a container (docs/guide/10-production.md): V8 would otherwise let the heap grow towards a quarter of the
# host's memory (4 GiB on a 24 GiB machine) before collecting in earnest. 256 MiB of old space holds the app's
# live data (50-70 MiB) several times over; 16 MiB semi-spaces bound the young generation (8 cost a quarter of
# the throughput, 32 bought none). Override with -e NODE_OPTIONS=… (a larger cap for a larger container).
# Without them, within a memory limit (docker run -m 512m) Node sizes the heap from the limit (259 MiB at most),
# and served a quarter fewer requests than with them (npm run load --memory-limit 512 --alongside uncapped).
ENV NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=16"
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["node", "-e", "fetch('http://127.0.0.1:4000/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# --expose-gc: the app collects its start-up garbage once it is ready (src/main.ts), so an idle process is small.
# --heap-growing-percent=100: after a full collection V8 lets the old space grow to twice the live data before the
# next one. Its own factor shrinks with the heap's cap, to 1.3 at 256 MiB (so 3x the full collections and 25% more
# CPU per request than uncapped); 2.0 is what V8 gives a 2 GiB heap. A V8 flag NODE_OPTIONS does not accept.
CMD ["node", "--expose-gc", "--heap-growing-percent=100", "--require", "./dist/src/telemetry/register.js", "dist/src/main.js"]
