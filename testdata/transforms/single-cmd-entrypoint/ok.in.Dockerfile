FROM alpine:3.19 AS one
CMD ["first"]
ENTRYPOINT ["/entry.sh"]
ONBUILD CMD ["child"]
HEALTHCHECK CMD true

FROM one
CMD ["second"]
ONBUILD CMD ["other"]
ENTRYPOINT ["/entry2.sh"]

FROM alpine:3.19
CMD ["a"]
# hadolint ignore=DL4003
CMD ["b"]
# dfopt ignore=single-cmd-entrypoint
ENTRYPOINT ["x"]
ENTRYPOINT ["y"]
