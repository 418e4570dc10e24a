FROM alpine:3.19
ENV A b
ENV GREETING hello world
ENV TABS a	b
ENV QUOTED "x  y"
ENV PATH $PATH:/opt/bin
ENV BOTH $A $B
ENV ESCAPED hello\ world
ENV SINGLE 'it''s'
ENV MIXED "x" y
ENV SPACEY a   b   
LABEL maintainer "Jane Doe <jane@example.org>"
LABEL description A small image
LABEL version=1.0 release=2
ENV TRAILING_ESCAPE_FREE C:\dir
