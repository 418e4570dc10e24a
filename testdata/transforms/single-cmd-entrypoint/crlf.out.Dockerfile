FROM alpine:3.19
# keep me
CMD ["b"]
ENTRYPOINT ["/b"]
