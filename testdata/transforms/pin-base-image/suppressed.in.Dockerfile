# dfopt ignore=pin-base-image
FROM python
# hadolint ignore=DL3007
FROM node:latest
# hadolint ignore=DL3006
FROM debian
FROM alpine
