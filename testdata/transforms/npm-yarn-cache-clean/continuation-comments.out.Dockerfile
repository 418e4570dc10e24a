FROM node:20
COPY package.json package-lock.json ./
RUN npm \
        # the lockfile is there
        ci \
    # and a comment at the end
    && echo done \
    && npm cache clean --force
