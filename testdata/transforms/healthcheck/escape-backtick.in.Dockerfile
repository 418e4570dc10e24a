# escape=`
FROM debian:bookworm
RUN apt-get update `
    && apt-get install -y wget
EXPOSE 80
CMD ["nginx", "-g", "daemon off;"]
