FROM node:20-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends git python3 python3-pip postgresql && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund && PIP_BREAK_SYSTEM_PACKAGES=1 npm run setup
COPY . .
RUN npm run build
ENV OPENSPEC_TELEMETRY=0
CMD ["node", "bin/parallel-plan.js", "worker"]
