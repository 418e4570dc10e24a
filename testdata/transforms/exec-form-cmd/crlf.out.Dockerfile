FROM alpine:3.19
CMD ["./server", "--port", "8080"]
ENTRYPOINT ./run $MODE
