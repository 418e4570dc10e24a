FROM node:20
COPY package.json package-lock.json ./
RUN npm \
        # the lockfile is there
        install \
    # and a comment at the end
    && echo done
