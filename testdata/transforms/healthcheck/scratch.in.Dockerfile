FROM scratch
COPY server /server
EXPOSE 8080
ENTRYPOINT ["/server"]
