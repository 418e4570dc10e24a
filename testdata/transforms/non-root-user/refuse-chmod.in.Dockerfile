FROM debian:bookworm-slim
ADD hs-certificate-transparency .
RUN chmod u+x hs-certificate-transparency
CMD ["./hs-certificate-transparency"]
