# The API with the built client, for docker-compose.yml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
RUN npm prune --omit=dev --no-audit --no-fund
USER node
EXPOSE 4000
# The flags are API_NODE_FLAGS of scripts/build-api.mjs (which says why).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=32", "dist/api/src/main.js"]
