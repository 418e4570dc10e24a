# escape=\
# syntax=docker/dockerfile:1
FROM python:3.12-slim AS base
FROM --platform=linux/amd64 node:20.11.1-bookworm-slim AS web
FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
FROM docker.io/library/debian:bookworm-slim
FROM ubuntu:latest
FROM ghcr.io/org/tool:1.4@sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210
FROM redis
FROM base
