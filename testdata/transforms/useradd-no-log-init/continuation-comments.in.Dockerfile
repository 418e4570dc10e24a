FROM debian:bookworm
RUN groupadd -g 100000 app \
    # the user
    && useradd \
        # its uid
        --uid 100000 \
        --gid app \
        app
