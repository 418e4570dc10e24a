FROM debian:bookworm
RUN useradd -r -m app
USER app
RUN echo hello > /home/app/greeting
USER root
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
CMD ["/home/app/run.sh"]
