FROM golang:1.22
RUN go install github.com/example/tool/cmd/tool@v1.2.3
ENTRYPOINT ["tool"]
