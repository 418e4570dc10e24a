FROM otel/opentelemetry-collector-contrib:0.100.0 AS base

FROM alpine:3.20
COPY --from=base /otelcol-contrib /otelcol-contrib
# Run as root so that we can write to the output volume.
USER root
ENTRYPOINT ["/otelcol-contrib"]
