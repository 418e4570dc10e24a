# escape=\
# syntax=docker/dockerfile:1
FROM python AS base
FROM --platform=linux/amd64 node:latest AS web
FROM alpine:latest
FROM docker.io/library/debian
FROM ubuntu:latest
FROM ghcr.io/org/tool
FROM redis
FROM base
