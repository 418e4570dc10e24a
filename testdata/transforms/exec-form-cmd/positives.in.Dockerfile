FROM python:3.12-slim
CMD gunicorn --bind 0.0.0.0:8000 app:app

FROM node:20 AS web
ENTRYPOINT node server.js

FROM alpine:3.19
cmd echo 'hello world' "x y" a\ b "quote\"d" path\\x
