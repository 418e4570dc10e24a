FROM debian:bookworm
RUN apt list --installed
RUN apt search curl && apt show curl && apt policy curl
RUN apt depends curl | grep lib
RUN "apt" install -y quoted
RUN ap\t install -y escaped
