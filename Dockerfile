# The parallel-plan worker and API image. The workflow bundle is built into the state folder at
# image build time, so workers start without bundling.
FROM node:20-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends git python3 python3-venv postgresql && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund && npm run setup
COPY . .
ENV OPENSPEC_TELEMETRY=0 PARALLEL_PLAN_HOME=/var/lib/parallel-plan
RUN npm run build && node -e "import('./dist/src/service/bundle-cache.js').then((m) => m.cachedWorkflowBundle(process.env.PARALLEL_PLAN_HOME))"
CMD ["node", "bin/parallel-plan.js", "worker"]
