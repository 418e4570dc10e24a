# escape=`
from node:20-slim as web
run apt-get update `
    && apt-get install -y --no-install-recommends libvips42 git ca-certificates `
    # comment `
    && rm -rf /var/lib/apt/lists/*
run git --version
