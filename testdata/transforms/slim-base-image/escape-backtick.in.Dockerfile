# escape=`
from node:20 as web
run apt-get update `
    && apt-get install -y --no-install-recommends libvips42 `
    # comment `
    && rm -rf /var/lib/apt/lists/*
run git --version
