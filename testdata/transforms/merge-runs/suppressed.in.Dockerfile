FROM debian
# dfopt ignore=merge-runs
RUN echo a
RUN echo b
# hadolint ignore=DL3059
RUN echo c
RUN echo d
