FROM alpine:3.19
CMD python app.py --port $PORT
CMD cd /app && ./run
CMD ./server | tee /var/log/server.log
CMD exec ./server
CMD ls *.txt
CMD ./server > /var/log/out 2>&1
CMD ~/bin/run
CMD echo {a,b}
CMD MODE=prod ./server
CMD ./server # start it
CMD ./server \
    # verbose
    --verbose

FROM alpine:3.19
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ENTRYPOINT ./run.sh "$@"
