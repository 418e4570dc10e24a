# dfopt ignore=slim-base-image
FROM python:3.12 AS a
FROM node:20
