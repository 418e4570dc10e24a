FROM alpine:3.19
CMD ["a"]
# keep me
ENTRYPOINT ./a \
    --flag
CMD ["b"]
ENTRYPOINT ["/b"]
