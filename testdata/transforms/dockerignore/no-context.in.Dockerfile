FROM debian:bookworm
RUN echo hello > /hello
COPY --from=busybox /bin/busybox /bin/
CMD ["cat", "/hello"]
